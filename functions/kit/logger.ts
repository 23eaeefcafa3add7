import { InvalidOptionError } from './errors';
import { type Instance, instance as moduleInstance } from './instance';
import { redactor as moduleRedactor, type Redactor } from './redact';
import { currentRequestScope, invocationTraceId, runInRequestScope } from './request-scope';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  level: LogLevel;
  instance: Instance;
  redactor: Redactor;
  /** Where a finished line goes. Lambda ships stdout to CloudWatch one line per record. */
  write: (line: string) => void;
  env: NodeJS.ProcessEnv;
  now: () => number;
}

export const defaults: LoggerOptions = {
  level: 'info',
  instance: moduleInstance,
  redactor: moduleRedactor,
  write: (line) => process.stdout.write(`${line}\n`),
  env: process.env,
  now: () => Date.now(),
};

function validate(opts: LoggerOptions): LoggerOptions {
  if (!(opts.level in order))
    throw new InvalidOptionError({
      component: 'Logger',
      option: 'level',
      value: opts.level,
      allowed: Object.keys(order).join(', '),
    });
  return opts;
}

/**
 * Structured JSON logger: one line per record with level, message, timestamp, requestId,
 * instanceId, coldStart and traceId. Secret keys and registered secret values are redacted.
 *
 * The per-invocation fields (requestId, coldStart, traceId) come from the current request scope
 * (./request-scope, an AsyncLocalStorage), never from the logger: one module-scope logger serves
 * every concurrent invocation of a worker under Lambda Managed Instances, and each line still
 * carries the id of the invocation that logged it.
 */
export class Logger {
  private readonly opts: LoggerOptions;

  constructor(options: Partial<LoggerOptions> = {}) {
    this.opts = validate({ ...defaults, ...options });
  }

  /**
   * Runs `fn` as one invocation: the lines it logs, however late and whatever runs concurrently,
   * carry this requestId and coldStart, and the trace id read now (from the runtime's per-invocation
   * store, else `_X_AMZN_TRACE_ID`, which classic Lambda changes on every invocation). Lines logged outside any invocation (an idle connection
   * dying while frozen, a background refresh begun at INIT) carry none.
   *
   * @example
   * return logger.runInvocation(context.awsRequestId, coldStart, () => route(event));
   */
  runInvocation<T>(requestId: string | undefined, coldStart: boolean, fn: () => T): T {
    return runInRequestScope({ requestId, coldStart, traceId: invocationTraceId(this.opts.env) }, fn);
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.log('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.log('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.log('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.log('error', message, fields);
  }

  private log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
    if (order[level] < order[this.opts.level]) return;
    const scope = currentRequestScope();
    const record = {
      ...fields,
      level,
      message,
      timestamp: new Date(this.opts.now()).toISOString(),
      requestId: scope?.requestId,
      instanceId: this.opts.instance.id,
      coldStart: scope?.coldStart,
      traceId: scope?.traceId,
    };
    const { redactor } = this.opts;
    this.opts.write(redactor.redactText(JSON.stringify(record, redactor.replacer)));
  }
}

/** Describes an error for a log line: name, code, message and cause chain, never the stack of a secret-bearing object. */
export function describeError(err: unknown): Record<string, unknown> {
  // Duck-typed: errors from another realm (vm contexts) are not `instanceof Error` here.
  if (typeof err !== 'object' || err === null || typeof (err as { message?: unknown }).message !== 'string')
    return { message: String(err) };
  const { name, code, message, cause } = err as { name?: unknown; code?: unknown; message: string; cause?: unknown };
  return {
    name: typeof name === 'string' ? name : 'Error',
    code: typeof code === 'string' ? code : undefined,
    message,
    cause: cause === undefined ? undefined : describeError(cause),
  };
}

/**
 * Creates a logger; the level comes from `LOG_LEVEL` unless given.
 *
 * @example
 * const log = createLogger();
 * await log.runInvocation(context.awsRequestId, coldStart, async () => log.info('visit recorded', { visits: 3 }));
 */
export function createLogger(options: Partial<LoggerOptions> = {}): Logger {
  const env = options.env ?? defaults.env;
  const level = (options.level ?? (env.LOG_LEVEL?.toLowerCase() || defaults.level)) as LogLevel;
  return new Logger({ ...options, env, level });
}
