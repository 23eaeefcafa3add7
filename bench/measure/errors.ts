/** A bounded wait ran out, e.g. a configuration update that never reached LastUpdateStatus Successful. */
export class BenchTimeoutError extends Error {
  override readonly name = 'BenchTimeoutError';
  readonly code = 'EBENCHTIMEOUT';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An invocation answered in a way the benchmark cannot measure (no REPORT record, a function error). */
export class BenchInvocationError extends Error {
  override readonly name = 'BenchInvocationError';
  readonly code = 'EBENCHINVOKE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A function's configuration could not be put back after the benchmark changed it. */
export class BenchRestoreError extends Error {
  override readonly name = 'BenchRestoreError';
  readonly code = 'EBENCHRESTORE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
