import { CodedError } from '../../common/errors';

/** No `REPORT RequestId:` line in the log tail (or none for the request id asked for). */
export class ReportLineNotFoundError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('EREPORTNOTFOUND', message, options);
  }
}

/** A REPORT line was found but a required field is missing or not a number. Names the field. */
export class ReportLineMalformedError extends CodedError {
  readonly field: string;

  constructor(field: string, problem: string) {
    super('EREPORTMALFORMED', `REPORT line: field "${field}" ${problem}`);
    this.field = field;
  }
}
