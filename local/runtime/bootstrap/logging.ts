import { format } from 'node:util';

/** Where console lines go: `process.stdout` and `process.stderr`, in the bootstrap. */
export interface LogStream {
  write(text: string): unknown;
}

/** Application log levels, most detail first (AWS_LAMBDA_LOG_LEVEL takes these names). */
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface PatchConsoleOptions {
  readonly stdout: LogStream;
  readonly stderr: LogStream;
  /** The request id of the invocation running now, or of the last one; undefined before the first. */
  readonly requestId: () => string | undefined;
  /** AWS_LAMBDA_LOG_FORMAT: `JSON` writes one JSON record a line; anything else is Text. */
  readonly format?: 'Text' | 'JSON';
  /** AWS_LAMBDA_LOG_LEVEL, JSON format only: methods below it write nothing. TRACE when absent. */
  readonly level?: LogLevel;
}

type ConsoleMethods = Pick<Console, 'log' | 'info' | 'debug' | 'warn' | 'error' | 'trace'>;

/**
 * Rewires `target`'s methods so each line reads as Lambda's Node runtime writes it. Text format:
 * `time \t request id \t level \t message`. JSON format: `{"timestamp","level","requestId","message"}`
 * records, with `errorType`, `errorMessage` and `stackTrace` for errors, and the methods below the
 * level doing nothing. INFO and DEBUG go to stdout, WARN, ERROR and TRACE to stderr.
 *
 * `console.log` is INFO, as `console.info`, `console.trace` is TRACE ("Using Lambda advanced logging
 * controls with Node.js", https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html, and the
 * Node runtime interface client's log patch, which maps `console.log` to `console.info`).
 *
 * @example
 * patchConsole(console, { stdout: process.stdout, stderr: process.stderr, requestId: () => state.requestId });
 */
export function patchConsole(target: ConsoleMethods, options: PatchConsoleOptions): void {
  const json = options.format === 'JSON';
  const min = LOG_LEVELS.indexOf(options.level ?? 'TRACE');
  const { requestId } = options;
  const method = (level: LogLevel, stream: LogStream): ((...args: unknown[]) => void) => {
    if (!json) {
      return (...args: unknown[]) => {
        stream.write(`${new Date().toISOString()}\t${requestId() ?? 'undefined'}\t${level}\t${format(...args)}\n`);
      };
    }
    // Filtered once here, not on each call: a dropped level costs a no-op call.
    if (LOG_LEVELS.indexOf(level) < min) return () => undefined;
    return (...args: unknown[]) => {
      stream.write(`${jsonRecord(new Date().toISOString(), requestId(), level, args)}\n`);
    };
  };
  target.log = method('INFO', options.stdout);
  target.info = method('INFO', options.stdout);
  target.debug = method('DEBUG', options.stdout);
  target.warn = method('WARN', options.stderr);
  target.error = method('ERROR', options.stderr);
  target.trace = method('TRACE', options.stderr);
}

/**
 * One application log record in JSON format, as Lambda's Node runtime builds it: a lone argument
 * is the `message` as is (an object stays an object, an Error becomes `{errorType, errorMessage,
 * stackTrace}`); several are formatted into a string `message` as `console.log` would, and the
 * first Error among them adds `errorType`, `errorMessage` and `stackTrace` to the record.
 * JSON escapes newlines, so a record is always one line.
 *
 * @example
 * jsonRecord('2026-01-01T00:00:00.000Z', 'r1', 'INFO', ['hello %s', 'you']);
 * // '{"timestamp":"2026-01-01T00:00:00.000Z","level":"INFO","requestId":"r1","message":"hello you"}'
 */
export function jsonRecord(timestamp: string, requestId: string | undefined, level: LogLevel, args: unknown[]): string {
  const record: Record<string, unknown> = { timestamp, level, requestId };
  if (args.length <= 1) {
    record.message = args[0];
    try {
      return JSON.stringify(record, errorReplacer);
    } catch {
      // A cycle, a BigInt: the message as console.log would print it.
      record.message = format(args[0]);
      return JSON.stringify(record);
    }
  }
  record.message = format(...args);
  const err = args.slice(1).find((a): a is Error => a instanceof Error);
  if (err) Object.assign(record, errorFields(err));
  return JSON.stringify(record);
}

function errorFields(err: Error): { errorType: string; errorMessage: string; stackTrace: string[] } {
  return {
    errorType: err.constructor?.name ?? 'UnknownError',
    errorMessage: err.message,
    stackTrace: typeof err.stack === 'string' ? err.stack.split('\n') : [],
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { ...errorFields(value), ...value } : value;
}
