import { CodedError, codeOfAwsType } from '../../common/errors';

/**
 * Errors the local SSM endpoint sends over the wire. `awsType` is AWS's own error type name, so the
 * SDK on the other side maps it to the same exception class it would get from AWS (ParameterNotFound,
 * ...); `code` is the project's style of it (`EPARAMETERNOTFOUND`). Messages name parameters, never
 * their values.
 */
export class SsmError extends CodedError {
  constructor(
    /** AWS's error type, sent as `__type`; the SDK reads it first (before any `code` field or header). */
    readonly awsType: string,
    message: string,
    /** HTTP status; AWS answers client errors of the JSON 1.1 protocol with 400. */
    readonly statusCode = 400,
    options?: ErrorOptions,
  ) {
    super(codeOfAwsType(awsType), message, options);
  }
}

/** The git-ignored local secrets file exists but cannot be used. */
export class SecretsFileError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('ESECRETSFILE', message, options);
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

/** The file that keeps local parameter changes across restarts cannot be used. Names the file, never a value. */
export class ParametersFileError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('EPARAMETERSFILE', message, options);
  }
}
