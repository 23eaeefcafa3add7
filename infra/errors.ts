/** Base class for errors raised while building the stack; `code` is stable, `cause` is kept. */
export class InfraError extends Error {
  override readonly name: string = 'InfraError';
  readonly code: string = 'EINFRA';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Stage configuration (env or cdktf context) failed validation; the message names option, value and what is allowed. */
export class StageConfigError extends InfraError {
  override readonly name = 'StageConfigError';
  override readonly code = 'ESTAGECONFIG';
}

/** A function's deployment zip is missing: `npm run build` has not run. */
export class MissingBundleError extends InfraError {
  override readonly name = 'MissingBundleError';
  override readonly code = 'EMISSINGBUNDLE';
}

/** The database functions could open more connections than the database accepts. */
export class ConnectionBudgetError extends InfraError {
  override readonly name = 'ConnectionBudgetError';
  override readonly code = 'ECONNBUDGET';

  constructor(
    message: string,
    /** The numbers behind the verdict, for callers that want to print them their own way. */
    readonly budget: {
      readonly demand: number;
      readonly headroom: number;
      readonly maxConnections: number;
    },
  ) {
    super(message);
  }
}
