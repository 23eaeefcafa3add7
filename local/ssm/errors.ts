/**
 * Errors the local SSM endpoint sends over the wire. `code` is AWS's own error type name, so the SDK
 * on the other side maps it to the same exception class it would get from AWS (ParameterNotFound, ...).
 * Messages name parameters, never their values.
 */
export class SsmError extends Error {
  override readonly name: string = 'SsmError';

  constructor(
    /** AWS's error type, sent as `__type`; the SDK reads it first (before any `code` field or header). */
    readonly code: string,
    message: string,
    /** HTTP status; AWS answers client errors of the JSON 1.1 protocol with 400. */
    readonly statusCode = 400,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The options given to {@link startSsmServer} failed validation. */
export class SsmOptionsError extends Error {
  override readonly name = 'SsmOptionsError';
  readonly code = 'ESSMOPTIONS';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The git-ignored local secrets file exists but cannot be used. */
export class SecretsFileError extends Error {
  override readonly name = 'SecretsFileError';
  readonly code = 'ESECRETSFILE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export const parameterNotFound = (name: string): SsmError =>
  new SsmError('ParameterNotFound', `Parameter ${name} not found.`);

/** AWS's wording for a member that breaks a modelled constraint, e.g. MaxResults out of range. */
export const constraintViolation = (value: unknown, member: string, constraint: string): SsmError =>
  new SsmError(
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
