/**
 * The local Lambda runtime, split by concept:
 * - assignment.ts: which environment gets an invoke (most recently used idle one, else cold start)
 * - execution-environment.ts: the life cycle of one environment (INIT, INVOKE, freeze, SHUTDOWN)
 * - counting-service.ts: reserved / account concurrency and 429 throttling
 * - runtime-executor.ts: which Node binary, V8 heap flags, how the process is spawned
 * - runtime-api-server.ts: the Lambda Runtime API, one listener per environment
 * - bootstrap/bootstrap.ts: the runtime client inside each environment (bundled at start)
 * - memory-monitor.ts, logs.ts: RSS polling and Runtime.OutOfMemory; START/END/REPORT and the log tail
 * - control-plane.ts: function registry, ARNs, configuration shapes and updates
 * - orphan-guard.ts: ends environments whose runtime died
 * - local-lambda.ts: startLocalLambda, wiring the above to the Invoke API (../invoke-api)
 */

export type { LocalRoute } from '../invoke-api/server';
export type { ConfigurationPatch } from './control-plane';
export {
  InvalidOptionError,
  InvalidParameterValueError,
  InvalidRequestContentError,
  LambdaApiError,
  LocalLambdaError,
  RequestTooLargeError,
  ResourceNotFoundError,
  RuntimeStoppedError,
  TooManyRequestsError,
} from './errors';
export { LocalLambda, startLocalLambda } from './local-lambda';
export type { LocalLambdaOptions } from './options';
export { defaults, resolveOptions } from './options';
export type * from './types';
