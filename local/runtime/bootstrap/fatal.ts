import { UnhandledPromiseRejectionError } from './errors';
import { invocationErrorPath } from './paths';

/** What emits the process's uncaught errors: `process`, in the bootstrap. */
export interface FatalEmitter {
  on(event: 'uncaughtException', listener: (err: unknown) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export interface FatalOptions {
  readonly emitter: FatalEmitter;
  /** Posts an error to a Runtime API path (see RuntimeClient.reportError). */
  readonly reportError: (path: string, err: unknown, typeOverride?: string) => Promise<void>;
  /**
   * The invocation running now, if any: its error is what the crash becomes. A multi-concurrent worker
   * runs several; each gets the error.
   */
  readonly pendingRequestId: () => string | readonly string[] | undefined;
  readonly log: (...args: unknown[]) => void;
  readonly exit: (code: number) => void;
}

/** The exit code after an unhandled rejection; the runtime reads it from the status fd. */
export const UNHANDLED_REJECTION_EXIT_CODE = 128;
/** The exit code after an uncaught exception. */
export const UNCAUGHT_EXCEPTION_EXIT_CODE = 129;

/**
 * Ends the process on an uncaught exception or an unhandled rejection, as Lambda's Node runtime
 * does: the error is logged, posted as the running invocation's error (if one runs), and the
 * process exits.
 *
 * @example
 * exitOnFatalErrors({ emitter: process, reportError, pendingRequestId: () => state.pendingRequestId, log, exit });
 */
export function exitOnFatalErrors(options: FatalOptions): void {
  const handleFatal = (err: unknown, typeOverride: string | undefined): void => {
    options.log('Uncaught Exception', err instanceof Error ? (err.stack ?? err.message) : err);
    const pending = options.pendingRequestId();
    const ids = (pending === undefined ? [] : typeof pending === 'string' ? [pending] : [...pending]).filter(
      (id) => id !== '',
    );
    const exit = (): void => options.exit(typeOverride ? UNHANDLED_REJECTION_EXIT_CODE : UNCAUGHT_EXCEPTION_EXIT_CODE);
    if (ids.length === 0) exit();
    else
      Promise.allSettled(ids.map((id) => options.reportError(invocationErrorPath(id), err, typeOverride))).then(exit);
  };
  options.emitter.on('uncaughtException', (err) => {
    handleFatal(err, undefined);
  });
  options.emitter.on('unhandledRejection', (reason) => {
    const message = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    const err = new UnhandledPromiseRejectionError(message, { cause: reason });
    handleFatal(err, err.errorType);
  });
}
