import { CodedError, codeOfAwsType, InvalidOptionError as OptionError } from '../../common/errors';

/**
 * Errors of the local Lambda runtime. Those that cross the wire carry AWS's own type name
 * (`awsType`) and HTTP status, so the Invoke API can answer as Lambda does; their `code` is the
 * project's style of that type (`ERESOURCENOTFOUND` for `ResourceNotFoundException`).
 */
export class LocalLambdaError extends CodedError {}

/**
 * Bad options given to the runtime; names option, value and what is allowed. The project's
 * InvalidOptionError, with the runtime's (option, value, allowed) arguments.
 */
export class InvalidOptionError extends OptionError {
  constructor(option: string, value: unknown, allowed: string) {
    super({ component: 'local lambda', option, value, allowed });
  }
}

/** An error Lambda's API answers with: AWS type name, status code, message and extra fields. */
export class LambdaApiError extends LocalLambdaError {
  readonly awsType: string;
  readonly statusCode: number;
  readonly extra: Readonly<Record<string, unknown>>;
  constructor(awsType: string, statusCode: number, message: string, extra: Record<string, unknown> = {}) {
    super(codeOfAwsType(awsType), message);
    this.awsType = awsType;
    this.statusCode = statusCode;
    this.extra = extra;
  }
}

export class ResourceNotFoundError extends LambdaApiError {
  constructor(message: string) {
    super('ResourceNotFoundException', 404, message, { Type: 'User' });
  }
}

export class TooManyRequestsError extends LambdaApiError {
  readonly reason: string;
  constructor(reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded') {
    super('TooManyRequestsException', 429, 'Rate Exceeded.', { Type: 'User', Reason: reason });
    this.reason = reason;
  }
}

export class InvalidRequestContentError extends LambdaApiError {
  constructor(message: string) {
    super('InvalidRequestContentException', 400, message, { Type: 'User' });
  }
}

export class RequestTooLargeError extends LambdaApiError {
  constructor(limit: number) {
    super(
      'RequestTooLargeException',
      413,
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
      {
        Type: 'User',
      },
    );
  }
}

export class InvalidParameterValueError extends LambdaApiError {
  constructor(message: string) {
    super('InvalidParameterValueException', 400, message, { Type: 'User' });
  }
}

/** The runtime was stopped while work was pending. */
export class RuntimeStoppedError extends LocalLambdaError {
  constructor() {
    super('ESTOPPED', 'The local Lambda runtime is stopped');
  }
}

/**
 * An execution environment was asked for a state its transition table does not allow from where
 * it is: a defect in the runtime, never a function's doing.
 */
export class InvalidTransitionError extends CodedError {
  readonly from: string;
  readonly to: string;
  constructor(from: string, to: string) {
    super('EBADTRANSITION', `An execution environment cannot go from ${from} to ${to}`);
    this.from = from;
    this.to = to;
  }
}
