/** A command-line flag or runner option has a value that is not allowed. Names the flag, the value and what is allowed. */
export class BenchOptionError extends Error {
  override readonly name = 'BenchOptionError';
  readonly code = 'EBENCHOPTION';
  readonly option: string;

  constructor(option: string, value: unknown, allowed: string) {
    super(`${option}: ${JSON.stringify(value ?? null)} is not allowed; expected ${allowed}`);
    this.option = option;
  }
}

/** The target could not be set up: a stack's outputs missing or malformed, the local stack failing to start. */
export class BenchTargetError extends Error {
  override readonly name = 'BenchTargetError';
  readonly code = 'EBENCHTARGET';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

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
