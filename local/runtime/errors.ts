import { CodedError } from '../../common/errors';

/**
 * Errors of the local Lambda runtime. Those that cross the wire carry AWS's own type name
 * (`awsType`) and HTTP status, so the Invoke API can answer as Lambda does.
 */
export class LocalLambdaError extends Error {
  override readonly name: string = 'LocalLambdaError';
  readonly code: string;
  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Bad options given to a component; names option, value and what is allowed. */
export class InvalidOptionError extends LocalLambdaError {
  override readonly name = 'InvalidOptionError';
  constructor(option: string, value: unknown, allowed: string) {
    super(`Invalid option ${option}: ${JSON.stringify(value)}; allowed: ${allowed}`, 'EINVALIDOPTION');
  }
}

/** An error Lambda's API answers with: AWS type name, status code, message and extra fields. */
export class LambdaApiError extends LocalLambdaError {
  override readonly name: string = 'LambdaApiError';
  readonly awsType: string;
  readonly statusCode: number;
  readonly extra: Readonly<Record<string, unknown>>;
  constructor(awsType: string, statusCode: number, message: string, extra: Record<string, unknown> = {}) {
    super(message, awsType);
    this.awsType = awsType;
    this.statusCode = statusCode;
    this.extra = extra;
  }
}

export class ResourceNotFoundError extends LambdaApiError {
  override readonly name = 'ResourceNotFoundError';
  constructor(message: string) {
    super('ResourceNotFoundException', 404, message, { Type: 'User' });
  }
}

export class TooManyRequestsError extends LambdaApiError {
  override readonly name = 'TooManyRequestsError';
  readonly reason: string;
  constructor(reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded') {
    super('TooManyRequestsException', 429, 'Rate Exceeded.', { Type: 'User', Reason: reason });
    this.reason = reason;
  }
}

export class InvalidRequestContentError extends LambdaApiError {
  override readonly name = 'InvalidRequestContentError';
  constructor(message: string) {
    super('InvalidRequestContentException', 400, message, { Type: 'User' });
  }
}

export class RequestTooLargeError extends LambdaApiError {
  override readonly name = 'RequestTooLargeError';
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
  override readonly name = 'InvalidParameterValueError';
  constructor(message: string) {
    super('InvalidParameterValueException', 400, message, { Type: 'User' });
  }
}

/** The runtime was stopped while work was pending. */
export class RuntimeStoppedError extends LocalLambdaError {
  override readonly name = 'RuntimeStoppedError';
  constructor() {
    super('The local Lambda runtime is stopped', 'ESTOPPED');
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
