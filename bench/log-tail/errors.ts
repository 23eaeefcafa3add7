/** No `REPORT RequestId:` line in the log tail (or none for the request id asked for). */
export class ReportLineNotFoundError extends Error {
  override readonly name = 'ReportLineNotFoundError';
  readonly code = 'EREPORTNOTFOUND';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A REPORT line was found but a required field is missing or not a number. Names the field. */
export class ReportLineMalformedError extends Error {
  override readonly name = 'ReportLineMalformedError';
  readonly code = 'EREPORTMALFORMED';
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`REPORT line: field "${field}" ${problem}`);
    this.field = field;
  }
}
