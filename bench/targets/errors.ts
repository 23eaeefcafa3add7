import { CodedError } from '../../common/errors';

/** The target could not be set up: a stack's outputs missing or malformed, the local stack failing to start. */
export class BenchTargetError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('EBENCHTARGET', message, options);
  }
}
