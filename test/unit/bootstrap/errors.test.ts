import { CodedError } from '../../../common/errors';
import {
  CallbackHandlerDeprecatedError,
  HandlerNotFoundError,
  ImportModuleError,
  LambdaRuntimeError,
  MalformedHandlerNameError,
  RuntimeApiClosedError,
  RuntimeApiStatusError,
  UnhandledPromiseRejectionError,
  UserCodeSyntaxError,
} from '../../../local/runtime/bootstrap/errors';

describe('bootstrap errors', () => {
  it.each([
    ['Runtime.MalformedHandlerName', new MalformedHandlerNameError('m'), 'EMALFORMEDHANDLERNAME'],
    ['Runtime.ImportModuleError', new ImportModuleError('m'), 'EIMPORTMODULE'],
    ['Runtime.UserCodeSyntaxError', new UserCodeSyntaxError('m'), 'EUSERCODESYNTAX'],
    ['Runtime.HandlerNotFound', new HandlerNotFoundError('m'), 'EHANDLERNOTFOUND'],
    ['Runtime.CallbackHandlerDeprecated', new CallbackHandlerDeprecatedError('m'), 'ECALLBACKHANDLERDEPRECATED'],
    ['Runtime.UnhandledPromiseRejection', new UnhandledPromiseRejectionError('m'), 'EUNHANDLEDREJECTION'],
  ])('names %s by its Lambda error type, with a stable code', (errorType, err, code) => {
    // Assess
    expect(err).toBeInstanceOf(LambdaRuntimeError);
    expect(err).toBeInstanceOf(CodedError);
    expect(err.errorType).toBe(errorType);
    expect(err.name).toBe(errorType);
    expect(err.code).toBe(code);
    expect(String(err.stack).split('\n')[0]).toBe(`${errorType}: m`);
  });

  it('keeps the cause of a syntax error in the user code', () => {
    // Prepare
    const cause = new SyntaxError('Unexpected token');

    // Act
    const err = new UserCodeSyntaxError('SyntaxError: Unexpected token', { cause });

    // Assess
    expect(err.cause).toBe(cause);
  });

  it('names Runtime API failures by class, with stable codes', () => {
    // Act
    const closed = new RuntimeApiClosedError();
    const status = new RuntimeApiStatusError(500, 'oops');

    // Assess
    expect([closed.name, closed.code, closed.message]).toEqual([
      'RuntimeApiClosedError',
      'ERUNTIMEAPICLOSED',
      'Runtime API connection closed',
    ]);
    expect([status.name, status.code, status.status, status.message]).toEqual([
      'RuntimeApiStatusError',
      'ERUNTIMEAPISTATUS',
      500,
      'GET /runtime/invocation/next answered 500: oops',
    ]);
  });
});
