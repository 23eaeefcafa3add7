import { CodedError } from '../../common/errors';

/**
 * An error the local Secrets Manager endpoint sends over the wire. `type` is AWS's own error type name,
 * sent as `__type`, so the SDK on the other side throws the same exception class it would get from AWS
 * (ResourceNotFoundException, ...). Messages name secrets, never their values.
 */
export class SecretsManagerError extends CodedError {
  constructor(
    /** AWS's error type, e.g. `ResourceNotFoundException`. */
    readonly type: string,
    message: string,
    /** HTTP status; AWS answers client errors of the JSON 1.1 protocol with 400. */
    readonly statusCode = 400,
    options?: ErrorOptions,
  ) {
    super('ESECRETSMANAGER', message, options);
  }
}

/** AWS's answer for a secret id that names no secret (or a version it does not have). */
export const resourceNotFound = (): SecretsManagerError =>
  new SecretsManagerError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

/** AWS's wording for a member that breaks a modelled constraint. */
export const validationError = (member: string, constraint: string): SecretsManagerError =>
  new SecretsManagerError(
    'ValidationException',
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`,
  );
