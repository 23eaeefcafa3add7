import type { Invocation } from './invocation';

/** What the context is built from besides the invocation. */
export interface ContextOptions {
  /** Read on every invocation, as the function may have changed it. */
  readonly env: NodeJS.ProcessEnv;
  /** Whether to add the callback-era `succeed`, `fail` and `done`. */
  readonly callbacksAllowed: boolean;
}

/** Ends the invocation with an error or a result; the first call wins. */
export type Finish = (err: unknown, result: unknown) => void;

/**
 * The Lambda context object the handler receives for `inv`.
 *
 * @example
 * const context = createContext(inv, { env: process.env, callbacksAllowed: false }, finish);
 * context.getRemainingTimeInMillis(); // ms until inv.deadlineMs, never below 0
 */
export function createContext(inv: Invocation, options: ContextOptions, finish: Finish): Record<string, unknown> {
  const env = options.env;
  const context: Record<string, unknown> = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: inv.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: inv.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: parseJsonHeader(inv.cognitoIdentity),
    clientContext: parseJsonHeader(inv.clientContext),
    getRemainingTimeInMillis: () => Math.max(inv.deadlineMs - Date.now(), 0),
  };
  if (options.callbacksAllowed) {
    context.succeed = (result: unknown) => finish(null, result);
    context.fail = (err: unknown) => finish(err ?? 'handled', undefined);
    context.done = (err: unknown, result: unknown) => finish(err, result);
  }
  return context;
}

/**
 * A client-context or cognito-identity header's value: JSON, else base64 of JSON, else undefined.
 *
 * @example
 * parseJsonHeader(Buffer.from('{"a":1}').toString('base64')); // { a: 1 }
 */
export function parseJsonHeader(value: string | undefined): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    try {
      return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    } catch {
      return undefined;
    }
  }
}

/**
 * Exposes the invocation's trace id to the function as `_X_AMZN_TRACE_ID`, removing the previous
 * invocation's when this one has none.
 *
 * @example
 * setTraceId(process.env, inv.traceId);
 */
export function setTraceId(env: NodeJS.ProcessEnv, traceId: string | undefined): void {
  if (traceId) env._X_AMZN_TRACE_ID = traceId;
  else delete env._X_AMZN_TRACE_ID;
}
