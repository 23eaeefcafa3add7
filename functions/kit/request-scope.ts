import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What belongs to one invocation and nothing else: the fields every log line of that invocation carries.
 *
 * They live in an AsyncLocalStorage, never in a module variable. Under Lambda Managed Instances one worker
 * thread runs many invocations at once and "each concurrent request handled by the same worker thread shares
 * the same handler object and global state"; for mutable per-request state AWS says to avoid global state or
 * use AsyncLocalStorage (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html).
 * A module variable written at the start of an invocation is overwritten by the next one while the first
 * still awaits, so its later log lines would carry the other request's id.
 */
export interface RequestScope {
  readonly requestId: string | undefined;
  /** True on the first invocation of this module instance (one per worker thread under Managed Instances). */
  readonly coldStart: boolean | undefined;
  /** The invocation's X-Ray trace id, as {@link invocationTraceId} read it when the invocation began. */
  readonly traceId: string | undefined;
}

/** The part of AWS's per-invocation store (`@aws/lambda-invoke-store`) the kit reads. */
interface InvokeStoreView {
  getXRayTraceId(): string | undefined;
}

/**
 * The running invocation's trace id. Lambda's Node runtime keeps it in its per-invocation store, which it puts
 * on `globalThis.awslambda.InvokeStore` (the `@aws/lambda-invoke-store` package); under Managed Instances that
 * is the only right source, since a process-wide `_X_AMZN_TRACE_ID` cannot hold one value per concurrent
 * request and the runtime leaves it unset. Classic Lambda (and an older runtime without the store) sets the
 * variable per invocation, which is the fallback.
 *
 * @example
 * const traceId = invocationTraceId(process.env);
 */
export function invocationTraceId(env: NodeJS.ProcessEnv): string | undefined {
  const store = (globalThis as { awslambda?: { InvokeStore?: InvokeStoreView } }).awslambda?.InvokeStore;
  return store?.getXRayTraceId() || env._X_AMZN_TRACE_ID || undefined;
}

/** One store per module instance (per worker thread); each invocation's async chain sees its own scope. */
const storage = new AsyncLocalStorage<RequestScope>();

/**
 * Runs `fn` with `scope` as the current request scope: everything `fn` awaits, schedules or calls sees it,
 * and nothing outside does, however many scopes run interleaved.
 *
 * @example
 * await runInRequestScope({ requestId: context.awsRequestId, coldStart, traceId: undefined }, () => work());
 */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the invocation this code runs for, or undefined outside any (INIT, a background refresh). */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` outside any request scope. For work an invocation set off that outlives it or belongs to the
 * environment (a background refresh, an idle pooled connection that dies later): AsyncLocalStorage follows
 * the async chain, so without this its lines would carry the id of whichever request happened to start it.
 *
 * @example
 * pool.on('error', (err) => outsideRequestScope(() => logger.warn('idle connection failed')));
 */
export function outsideRequestScope<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** What {@link withRequestScope} needs besides the handler. */
export interface RequestScopeOptions {
  /** Where `_X_AMZN_TRACE_ID` is read at the start of each invocation when the runtime keeps no store. */
  env: NodeJS.ProcessEnv;
  /** Says whether this invocation is the module's first; by default the wrapper counts its own calls. */
  coldStart: (() => boolean) | undefined;
}

export const defaults: RequestScopeOptions = { env: process.env, coldStart: undefined };

/**
 * Wraps a handler so each invocation runs in its own request scope (requestId from `context.awsRequestId`).
 * For handlers that are not HTTP routes; `httpHandler` in ./http does this for every route.
 *
 * @example
 * export const handler = withRequestScope(async (event, context) => {
 *   logger.info('working'); // carries context.awsRequestId, whatever runs concurrently
 *   return { requestId: currentRequestScope()?.requestId };
 * });
 */
export function withRequestScope<E, C extends { awsRequestId?: string } | undefined, R>(
  handler: (event: E, context: C) => Promise<R>,
  options: Partial<RequestScopeOptions> = {},
): (event: E, context: C) => Promise<R> {
  const opts = { ...defaults, ...options };
  let invocations = 0;
  const coldStart =
    opts.coldStart ??
    (() => {
      invocations += 1;
      return invocations === 1;
    });
  return (event, context) =>
    runInRequestScope(
      { requestId: context?.awsRequestId, coldStart: coldStart(), traceId: invocationTraceId(opts.env) },
      () => handler(event, context),
    );
}
