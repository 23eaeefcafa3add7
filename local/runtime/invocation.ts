import { randomUUID } from 'node:crypto';
import type { FunctionPool } from './assignment';
import { RuntimeStoppedError, TooManyRequestsError } from './errors';
import type { ExecutionEnvironment, InitOutcome, InvocationRequest, InvokeOutcome } from './execution-environment';
import { traceHeader } from './ids';
import type { InvocationReporter, InvocationSummary } from './invocation-report';
import { LogTail, timeoutPayload } from './logs';
import type { FunctionDefinition, InvokeOptions, InvokeResult } from './types';

/** What an invocation needs from the runtime that owns the pools. */
export interface InvocationContext {
  readonly initTimeoutMs: number;
  readonly reporter: InvocationReporter;
  pool(functionName: string): FunctionPool;
  /** A new environment of `fn`, in its pool and not started yet (a cold start). */
  createEnvironment(fn: FunctionDefinition): ExecutionEnvironment;
  arn(functionName: string): string;
}

type Delivered = Exclude<InvokeOutcome, { kind: 'not-delivered' }>;
type FailedInit = Extract<InitOutcome, { ok: false }>;

/** An environment whose process dies before the event reaches it is given up this many times. */
const ATTEMPTS = 3;

/**
 * One invoke: the event its environment gets, and what its END and REPORT lines say. One object
 * per invoke, handed to the environment as its request and to the reporter as its summary.
 */
class Invocation implements InvocationRequest, InvocationSummary {
  readonly requestId = randomUUID();
  readonly tail: LogTail | undefined;
  readonly invokedFunctionArn: string;
  readonly traceId: string;
  readonly clientContext: string | undefined;
  readonly cognitoIdentity: string | undefined;
  readonly stream: InvokeOptions['stream'];
  /** A suppressed init (retried inside the invoke) counts against the timeout, so the clock starts now... */
  deadlineMs: number;
  env!: ExecutionEnvironment;
  coldStart = false;
  initDurationMs: number | undefined = undefined;
  durationMs = 0;
  status: 'error' | 'timeout' | undefined = undefined;
  errorType: string | undefined = undefined;
  concurrentAtEnd: number | undefined = undefined;

  constructor(
    readonly fn: FunctionDefinition,
    readonly payload: Buffer,
    opts: InvokeOptions,
    ctx: InvocationContext,
  ) {
    this.tail = opts.tail ? new LogTail() : undefined;
    this.invokedFunctionArn = opts.invokedFunctionArn ?? ctx.arn(fn.name);
    this.traceId = opts.traceId ?? traceHeader();
    this.clientContext = opts.clientContext;
    this.cognitoIdentity = opts.cognitoIdentity;
    this.stream = opts.stream;
    this.deadlineMs = Date.now() + fn.timeout * 1000;
  }
}

/**
 * Runs one synchronous invoke of `fn`: the most recently used idle environment, else a cold start
 * (INIT, retried once inside the invoke when it fails: the suppressed init), then INVOKE under the
 * function's timeout, then END and REPORT. An environment that dies before the event reaches it
 * is skipped, since nothing ran there.
 *
 * @example
 * const result = await invokeFunction(context, fn, Buffer.from('{}'), { tail: true });
 */
export async function invokeFunction(
  ctx: InvocationContext,
  fn: FunctionDefinition,
  payload: Buffer,
  opts: InvokeOptions,
): Promise<InvokeResult> {
  const pool = ctx.pool(fn.name);
  const inv = new Invocation(fn, payload, opts, ctx);
  if (pool.managed) return invokeManaged(ctx, inv);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    let env = pool.take();
    inv.coldStart = false;
    inv.initDurationMs = undefined;
    if (!env) {
      inv.coldStart = true;
      env = ctx.createEnvironment(fn);
      const init = await env.start(ctx.initTimeoutMs);
      if (init.ok) {
        inv.initDurationMs = init.durationMs;
        // ...but a successful INIT has its own 10 s cap: the function's timeout covers INVOKE only.
        inv.deadlineMs = Date.now() + fn.timeout * 1000;
      } else {
        ctx.reporter.initFailed(env, init, 'init');
        // Suppressed init: Lambda retries INIT inside the invoke, under the function's timeout.
        env = ctx.createEnvironment(fn);
        const retry = await env.start(Math.max(inv.deadlineMs - Date.now(), 1));
        if (!retry.ok) {
          ctx.reporter.initFailed(env, retry, 'invoke');
          return initFailedAgain(ctx, inv, env, retry);
        }
      }
    }
    inv.env = env;
    const outcome = await env.invoke(inv);
    if (outcome.kind === 'not-delivered') continue;
    return finish(ctx, inv, outcome);
  }
  throw new RuntimeStoppedError();
}

/**
 * An invoke of a Managed Instances function: the environment with the most room takes it, and none is
 * started for it (LMI "does not scale when invocations arrive and does not support cold starts"; scaling is
 * capacity-scaler.ts's). When every environment is at its maximum concurrency the invoke is throttled with
 * 429 ("Scaling Lambda Managed Instances", https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html;
 * AWS names no Reason for it, so the one for a concurrency limit is used).
 */
async function invokeManaged(ctx: InvocationContext, inv: Invocation): Promise<InvokeResult> {
  const pool = ctx.pool(inv.fn.name);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const env = pool.take();
    if (!env) break;
    inv.env = env;
    const outcome = await env.invoke(inv);
    if (outcome.kind !== 'not-delivered') return finish(ctx, inv, outcome);
  }
  throw new TooManyRequestsError('ConcurrentInvocationLimitExceeded');
}

async function finish(ctx: InvocationContext, inv: Invocation, outcome: Delivered): Promise<InvokeResult> {
  const env = inv.env;
  ctx.pool(inv.fn.name).release(env);
  const failed = outcome.kind !== 'response';
  inv.durationMs = outcome.durationMs;
  if (failed) {
    inv.errorType = outcome.errorType;
    inv.status = outcome.kind === 'timeout' ? 'timeout' : 'error';
  }
  // REPORT costs a /proc read and some formatting: skip it when no one can observe it.
  if (inv.tail) await ctx.reporter.invoked(inv);
  else if (ctx.reporter.observed) void ctx.reporter.invoked(inv);
  else env.endInvocationLogs(inv.requestId);
  return {
    requestId: inv.requestId,
    payload: outcome.payload,
    ...(failed ? { functionError: 'Unhandled' as const } : {}),
    ...(inv.tail ? { logResult: inv.tail.toBase64() } : {}),
    environmentId: env.id,
    executedVersion: '$LATEST',
  };
}

/** The suppressed INIT failed as well: the invoke fails with INIT's error, and the function never ran. */
function initFailedAgain(
  ctx: InvocationContext,
  inv: Invocation,
  env: ExecutionEnvironment,
  retry: FailedInit,
): InvokeResult {
  inv.env = env;
  inv.durationMs = retry.durationMs;
  inv.status = retry.status;
  inv.errorType = retry.errorType;
  ctx.reporter.initFailedAgain(inv);
  void env.shutdown('init-failure', 0);
  return {
    requestId: inv.requestId,
    // An INIT retried inside the invoke that runs out of time is the invoke's timeout.
    payload: retry.status === 'timeout' ? timeoutPayload(inv.requestId, inv.fn.timeout) : retry.payload,
    functionError: 'Unhandled',
    ...(inv.tail ? { logResult: inv.tail.toBase64() } : {}),
    environmentId: env.id,
    executedVersion: '$LATEST',
  };
}
