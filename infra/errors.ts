import { CodedError, InvalidOptionError } from '../common/errors';

/** Base class for errors raised while building the stack; `code` is stable, `cause` is kept. */
export class InfraError extends CodedError {}

/**
 * Stage configuration (env or cdktf context) failed validation: the project's InvalidOptionError
 * with the code `ESTAGECONFIG`, a class of its own so synth callers can tell it from a broken stack.
 */
export class StageConfigError extends InvalidOptionError {
  constructor(option: string, value: unknown, allowed: string) {
    super({ component: 'stage config', option, value, allowed }, 'ESTAGECONFIG');
  }
}

/** A function's deployment zip is missing: `npm run build` has not run. */
export class MissingBundleError extends InfraError {
  constructor(message: string, options?: ErrorOptions) {
    super('EMISSINGBUNDLE', message, options);
  }
}

/** The database functions could open more connections than the database accepts. */
export class ConnectionBudgetError extends InfraError {
  constructor(
    message: string,
    /** The numbers behind the verdict, for callers that want to print them their own way. */
    readonly budget: {
      readonly demand: number;
      readonly headroom: number;
      readonly maxConnections: number;
    },
  ) {
    super('ECONNBUDGET', message);
  }
}

/** The capacity provider's max vCPU count cannot hold the functions' minimum environments. */
export class LmiCapacityError extends InfraError {
  constructor(message: string) {
    super('ELMICAPACITY', message);
  }
}
