import { InvalidOptionError } from './errors';
import { type Instance, instance as moduleInstance } from './instance';
import { redactor as moduleRedactor, type Redactor } from './redact';

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

/** The per-invocation fields every line carries. */
interface InvocationFields {
  requestId: string | undefined;
  coldStart: boolean | undefined;
  traceId: string | undefined;
}

/**
 * Structured JSON logger: one line per record with level, message, timestamp, requestId,
 * instanceId, coldStart and traceId. Secret keys and registered secret values are redacted.
 */
export class Logger {
  private readonly opts: LoggerOptions;
  private current: InvocationFields = { requestId: undefined, coldStart: undefined, traceId: undefined };

  constructor(options: Partial<LoggerOptions> = {}) {
    this.opts = validate({ ...defaults, ...options });
  }

  /**
   * Binds the following lines to one invocation. The trace id is read here, per invocation,
   * because Lambda changes `_X_AMZN_TRACE_ID` on every invocation.
   */
  startInvocation(requestId: string | undefined, coldStart: boolean): void {
    this.current = { requestId, coldStart, traceId: this.opts.env._X_AMZN_TRACE_ID || undefined };
  }

  /**
   * Unbinds the invocation, so a line logged between invocations (an idle connection dying while
   * frozen, a background refresh) is not pinned on a request that has already finished.
   */
  endInvocation(): void {
    this.current = { requestId: undefined, coldStart: undefined, traceId: undefined };
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
    const record = {
      ...fields,
      level,
      message,
      timestamp: new Date(this.opts.now()).toISOString(),
      requestId: this.current.requestId,
      instanceId: this.opts.instance.id,
      coldStart: this.current.coldStart,
      traceId: this.current.traceId,
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
 * log.startInvocation(context.awsRequestId, coldStart);
 * log.info('visit recorded', { visits: 3 });
 */
export function createLogger(options: Partial<LoggerOptions> = {}): Logger {
  const env = options.env ?? defaults.env;
  const level = (options.level ?? (env.LOG_LEVEL?.toLowerCase() || defaults.level)) as LogLevel;
  return new Logger({ ...options, env, level });
}
