import { format } from 'node:util';

/** Where console lines go: `process.stdout` and `process.stderr`, in the bootstrap. */
export interface LogStream {
  write(text: string): unknown;
}

export interface PatchConsoleOptions {
  readonly stdout: LogStream;
  readonly stderr: LogStream;
  /** The request id of the invocation running now, or of the last one; undefined before the first. */
  readonly requestId: () => string | undefined;
}

type ConsoleMethods = Pick<Console, 'log' | 'info' | 'debug' | 'warn' | 'error' | 'trace'>;

/**
 * Rewires `target`'s methods so each line reads as Lambda's Node runtime writes it:
 * `time \t request id \t level \t message`, INFO and DEBUG to stdout, WARN, ERROR and TRACE to stderr.
 *
 * @example
 * patchConsole(console, { stdout: process.stdout, stderr: process.stderr, requestId: () => state.requestId });
 */
export function patchConsole(target: ConsoleMethods, options: PatchConsoleOptions): void {
  const { requestId } = options;
  const write =
    (level: string, stream: LogStream) =>
    (...args: unknown[]) => {
      stream.write(`${new Date().toISOString()}\t${requestId() ?? 'undefined'}\t${level}\t${format(...args)}\n`);
    };
  target.log = write('INFO', options.stdout);
  target.info = write('INFO', options.stdout);
  target.debug = write('DEBUG', options.stdout);
  target.warn = write('WARN', options.stderr);
  target.error = write('ERROR', options.stderr);
  target.trace = write('TRACE', options.stderr);
}
