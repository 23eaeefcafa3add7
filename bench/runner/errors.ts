import { CodedError, InvalidOptionError } from '../../common/errors';

/**
 * A command-line flag or runner option has a value that is not allowed: the project's
 * InvalidOptionError with the code `EBENCHOPTION`, a class of its own because the CLI answers it
 * with the usage text (and exit 2) instead of a stack.
 */
export class BenchOptionError extends InvalidOptionError {
  constructor(option: string, value: unknown, allowed: string) {
    super({ component: 'bench', option, value: value ?? null, allowed }, 'EBENCHOPTION');
    // The CLI prints this line right above the usage text, so it starts with the flag itself.
    this.message = `${option}: ${JSON.stringify(value ?? null)} is not allowed; expected ${allowed}`;
  }
}

/** The target could not be set up: a stack's outputs missing or malformed, the local stack failing to start. */
export class BenchTargetError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('EBENCHTARGET', message, options);
  }
}

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
