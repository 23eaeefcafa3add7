import { CodedError } from '../../common/errors';

/** The fault suite could not set up or run a scenario (not a FAIL: the scenario never got to its check). */
export class FaultSuiteError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('EFAULTSUITE', message, options);
  }
}
