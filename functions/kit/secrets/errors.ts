import { KitError } from '../errors';

/**
 * The database secret could not be read and no usable copy is in memory (or the copy is past its
 * allowed staleness). Names neither the secret's value nor its ARN: the message reaches HTTP callers.
 */
export class DbSecretUnavailableError extends KitError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('EDBSECRETUNAVAILABLE', 503, message, options);
  }
}
