import { CodedError, InvalidOptionError } from '../../common/errors';

/** Base of the dev stack's errors: a stable `code` to branch on, the cause kept. */
export class DevStackError extends CodedError {}

/**
 * An option the dev stack cannot use, as the project's InvalidOptionError (the message names the
 * option, the value and what is allowed) with the dev stack's code `EDEVSTACKOPTION`.
 *
 * @example
 * throw devStackOptionError('host', '', 'a host address such as 127.0.0.1');
 */
export function devStackOptionError(option: string, value: unknown, allowed: string): InvalidOptionError {
  return new InvalidOptionError({ component: 'dev stack', option, value, allowed }, 'EDEVSTACKOPTION');
}

/** Something the stack needs is not there (no build output, no synthesized stack). */
export class MissingArtifactError extends DevStackError {
  constructor(message: string, options?: ErrorOptions) {
    super('EMISSINGARTIFACT', message, options);
  }
}

/** Building the functions or synthesizing the stack failed. */
export class PrepareError extends DevStackError {
  constructor(message: string, options?: ErrorOptions) {
    super('EPREPARE', message, options);
  }
}
