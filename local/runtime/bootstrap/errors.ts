/**
 * The bootstrap's own errors. Those it reports to Lambda carry Lambda's error type (the
 * `errorType` on the wire); the others only end the process.
 */
import { CodedError } from '../../../common/errors';

/**
 * An error the bootstrap reports over the Runtime API under one of Lambda's error types.
 *
 * @example
 * throw new HandlerNotFoundError('index.handler is undefined or not exported');
 */
export class LambdaRuntimeError extends CodedError {
  readonly errorType: string;

  constructor(code: string, errorType: string, message: string, options?: ErrorOptions) {
    super(code, message, options);
    // Lambda's own runtime client names these errors by their type, so its type is the first line
    // of the reported stack trace and of the logged error; ours must read the same.
    this.name = errorType;
    this.errorType = errorType;
  }
}

/** `_HANDLER` is not `module.export`. */
export class MalformedHandlerNameError extends LambdaRuntimeError {
  constructor(message: string) {
    super('EMALFORMEDHANDLERNAME', 'Runtime.MalformedHandlerName', message);
  }
}

/** No `.js`, `.mjs` or `.cjs` file for the handler's module in the task root. */
export class ImportModuleError extends LambdaRuntimeError {
  constructor(message: string, options?: ErrorOptions) {
    super('EIMPORTMODULE', 'Runtime.ImportModuleError', message, options);
  }
}

/** The handler's module does not parse. */
export class UserCodeSyntaxError extends LambdaRuntimeError {
  constructor(message: string, options?: ErrorOptions) {
    super('EUSERCODESYNTAX', 'Runtime.UserCodeSyntaxError', message, options);
  }
}

/** The module loaded, but the handler's export is not a function. */
export class HandlerNotFoundError extends LambdaRuntimeError {
  constructor(message: string) {
    super('EHANDLERNOTFOUND', 'Runtime.HandlerNotFound', message);
  }
}

/** A callback-style handler on a runtime that no longer accepts them (nodejs24.x and later). */
export class CallbackHandlerDeprecatedError extends LambdaRuntimeError {
  constructor(message: string) {
    super('ECALLBACKHANDLERDEPRECATED', 'Runtime.CallbackHandlerDeprecated', message);
  }
}

/** A promise of the function's was rejected and nobody handled it. */
export class UnhandledPromiseRejectionError extends LambdaRuntimeError {
  constructor(message: string, options?: ErrorOptions) {
    super('EUNHANDLEDREJECTION', 'Runtime.UnhandledPromiseRejection', message, options);
  }
}

/** The Runtime API closed the connection while the bootstrap still waited for answers. */
export class RuntimeApiClosedError extends CodedError {
  constructor() {
    super('ERUNTIMEAPICLOSED', 'Runtime API connection closed');
  }
}

/** The Runtime API answered a request for the next event with something other than 200. */
export class RuntimeApiStatusError extends CodedError {
  readonly status: number;

  constructor(status: number, body: string) {
    super('ERUNTIMEAPISTATUS', `GET /runtime/invocation/next answered ${status}: ${body}`);
    this.status = status;
  }
}
