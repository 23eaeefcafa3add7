/**
 * The local Lambda runtime, split by concept. It loads no stack and serves no HTTP: callers hand
 * it function definitions (local/stack makes them) and put the Invoke API (local/invoke-api) in
 * front of it; local/lambda-service composes the three for the common case.
 * - local-lambda.ts: startLocalLambda and LocalLambda, the runtime's face: pools, control plane, events
 * - invocation.ts: one invoke against the pool: warm or cold, the suppressed init retry, the timeout's clock
 * - invocation-report.ts: the one place that writes START/END/REPORT and INIT_REPORT, and the 'invocation' event
 * - logs.ts: the platform text lines and the per-invocation log tail
 * - logging-config.ts: logging_config (log format, application / system log levels, log group) and its defaults
 * - platform-log-format.ts: platform lines in the function's format (text, or JSON `platform.*` records by level)
 * - assignment.ts: which environment gets an invoke (most recently used idle one, else cold start)
 * - counting-service.ts: reserved / account concurrency and 429 throttling
 * - execution-environment.ts: the life cycle of one environment (INIT, INVOKE, freeze, SHUTDOWN)
 * - environment-state.ts: that life cycle's states and transition table (EBADTRANSITION otherwise)
 * - environment-variables.ts: the variables Lambda sets in an environment
 * - runtime-executor.ts: the runtime behind an environment (start, freeze, thaw, SIGTERM, SIGKILL, memory),
 *   an interface and its process-per-environment implementation
 * - environment-process.ts: that implementation's OS process (the parent shell, fd 3, state and memory reads)
 * - process-probe.ts: how those reads are made: /proc on Linux, `ps` elsewhere (LOCAL_LAMBDA_PROC forces one)
 * - node-binaries.ts: which Node binary runs a runtime id, V8 heap and thread flags
 * - runtime-api-server.ts: the Lambda Runtime API, one listener per environment
 * - streamed-response.ts: a streamed response's chunks to the caller, its size limit and bandwidth cap
 * - memory-monitor.ts: RSS polling and Runtime.OutOfMemory
 * - reaper.ts: idle timeout and maximum lifetime
 * - managed-instances.ts: Lambda Managed Instances: the facts, defaults and per-function plan (vCPUs, concurrency, workers)
 * - capacity-scaler.ts: Managed Instances scaling on CPU use and concurrency saturation, at most doubling in 5 minutes
 * - control-plane.ts: function registry, ARNs, configuration shapes and updates (configuration and code)
 * - inspector-ports.ts: inspector ports for environments started for a debugger (`inspect`)
 * - orphan-guard.ts: ends environments whose runtime died
 * - bootstrap/bootstrap.ts: the runtime client inside each environment (bundled at start by bootstrap-bundle.ts);
 *   under Managed Instances its worker threads (bootstrap/workers.ts) each run bootstrap/concurrent-loop.ts
 */

export type { CodeUpdate, ConfigurationPatch, FunctionRecord } from './control-plane';
export {
  InvalidOptionError,
  InvalidParameterValueError,
  InvalidRequestContentError,
  InvalidTransitionError,
  LambdaApiError,
  LocalLambdaError,
  RequestTooLargeError,
  ResourceNotFoundError,
  RuntimeStoppedError,
  TooManyRequestsError,
} from './errors';
export { handlerProblem } from './handler-path';
export { LocalLambda, startLocalLambda } from './local-lambda';
export type { ApplicationLogLevel, LogFormat, LoggingConfig, SystemLogLevel } from './logging-config';
export { APPLICATION_LOG_LEVELS, LOG_FORMATS, SYSTEM_LOG_LEVELS } from './logging-config';
export { managedInstancesDefaults } from './managed-instances';
export type { LocalLambdaOptions } from './options';
export { defaults, resolveOptions } from './options';
export type { StreamReceiver } from './streamed-response';
export type * from './types';
