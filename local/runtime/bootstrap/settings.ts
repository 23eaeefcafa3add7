import { callbacksAllowedOn } from './callback-rules';
import { LOG_LEVELS, type LogLevel } from './logging';

/** What the bootstrap takes from its environment variables. */
export interface BootstrapSettings {
  readonly apiHost: string;
  readonly apiPort: number;
  /** `_HANDLER`: `module.export`, the module relative to the task root. */
  readonly handler: string;
  readonly taskRoot: string;
  readonly callbacksAllowed: boolean;
  /** Where to write the exit code (LOCAL_LAMBDA_STATUS_FD); undefined when none was passed. */
  readonly statusFd: number | undefined;
  /** Whether to stop itself after each request for the next event (LOCAL_LAMBDA_SELF_FREEZE=1). */
  readonly selfFreeze: boolean;
  /** AWS_LAMBDA_LOG_FORMAT, read as the Node runtime reads it: `JSON` (any case) or else Text. */
  readonly logFormat: 'Text' | 'JSON';
  /** AWS_LAMBDA_LOG_LEVEL; an unknown or absent level is TRACE (everything), as in the Node runtime. */
  readonly logLevel: LogLevel;
  /**
   * AWS_LAMBDA_MAX_CONCURRENCY: set by Lambda for Managed Instances only, and its presence alone switches the
   * Node runtime to worker threads serving invocations concurrently (workers.ts). Undefined in classic Lambda.
   */
  readonly maxConcurrency: number | undefined;
  /**
   * Worker threads under Managed Instances: AWS_LAMBDA_NODEJS_WORKER_COUNT when set, else the count the local
   * runtime passes in LOCAL_LAMBDA_WORKERS (the environment's vCPUs), else 1.
   */
  readonly workers: number;
}

/**
 * Reads the bootstrap's settings from `env` and deletes the local runtime's own variables from
 * it: they are the runtime's, not the function's, so they go before the handler loads.
 *
 * @example
 * const settings = takeSettings(process.env, process.cwd());
 */
export function takeSettings(env: NodeJS.ProcessEnv, cwd: string): BootstrapSettings {
  const [apiHost = '127.0.0.1', apiPortText = '9001'] = (env.AWS_LAMBDA_RUNTIME_API ?? '').split(':');
  const statusFd = Number(env.LOCAL_LAMBDA_STATUS_FD);
  delete env.LOCAL_LAMBDA_STATUS_FD;
  const selfFreeze = env.LOCAL_LAMBDA_SELF_FREEZE === '1';
  delete env.LOCAL_LAMBDA_SELF_FREEZE;
  const localWorkers = positiveInteger(env.LOCAL_LAMBDA_WORKERS);
  delete env.LOCAL_LAMBDA_WORKERS;
  return {
    apiHost,
    apiPort: Number(apiPortText),
    handler: env._HANDLER ?? '',
    taskRoot: env.LAMBDA_TASK_ROOT ?? cwd,
    callbacksAllowed: callbacksAllowedOn(env.AWS_EXECUTION_ENV ?? ''),
    // 0 to 2 are stdio; anything else is not a descriptor the runtime passed.
    statusFd: Number.isInteger(statusFd) && statusFd > 2 ? statusFd : undefined,
    selfFreeze,
    // Lambda's variables, so they stay for the function to read.
    logFormat: env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON' ? 'JSON' : 'Text',
    logLevel: logLevelOf(env.AWS_LAMBDA_LOG_LEVEL),
    maxConcurrency:
      env.AWS_LAMBDA_MAX_CONCURRENCY === undefined ? undefined : (positiveInteger(env.AWS_LAMBDA_MAX_CONCURRENCY) ?? 1),
    workers: positiveInteger(env.AWS_LAMBDA_NODEJS_WORKER_COUNT) ?? localWorkers ?? 1,
  };
}

function positiveInteger(value: string | undefined): number | undefined {
  const n = value === undefined ? Number.NaN : Number(value);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

function logLevelOf(value: string | undefined): LogLevel {
  const upper = value?.toUpperCase();
  return LOG_LEVELS.find((level) => level === upper) ?? 'TRACE';
}
