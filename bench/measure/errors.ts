import { CodedError } from '../../common/errors';

/** A bounded wait ran out, e.g. a configuration update that never reached LastUpdateStatus Successful. */
export class BenchTimeoutError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('EBENCHTIMEOUT', message, options);
  }
}

/** An invocation answered in a way the benchmark cannot measure (no REPORT record, a function error). */
export class BenchInvocationError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('EBENCHINVOKE', message, options);
  }
}

/** A function's configuration could not be put back after the benchmark changed it. */
export class BenchRestoreError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('EBENCHRESTORE', message, options);
  }
}
