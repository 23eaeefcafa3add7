import { CallbackHandlerDeprecatedError } from './errors';
import type { Handler } from './handler-loader';

/** Lambda's own message for a callback-style handler on nodejs24.x, word for word. */
export const CALLBACK_DEPRECATED_MESSAGE =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. ' +
  'You need to modify this function to use a supported handler signature to use Node.js 24 or later. ' +
  'For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

/**
 * Whether the runtime named by `AWS_EXECUTION_ENV` still takes callback-style handlers: Node 22
 * and older do, Node 24 (also the default when the variable names none) does not.
 *
 * @example
 * callbacksAllowedOn('AWS_Lambda_nodejs22.x'); // true
 */
export function callbacksAllowedOn(executionEnv: string): boolean {
  return Number(/nodejs(\d+)/.exec(executionEnv)?.[1] ?? '24') < 24;
}

/** Same rule as Lambda's Node 24 runtime client: a handler declaring three parameters is callback-style. */
export function isCallbackStyle(handler: Handler): boolean {
  return handler.length >= 3;
}

/**
 * Refuses a callback-style handler where callbacks are not allowed, as Lambda does at init.
 *
 * @example
 * assertHandlerAllowed(handler, callbacksAllowedOn(process.env.AWS_EXECUTION_ENV ?? ''));
 */
export function assertHandlerAllowed(handler: Handler, callbacksAllowed: boolean): void {
  if (!callbacksAllowed && isCallbackStyle(handler))
    throw new CallbackHandlerDeprecatedError(CALLBACK_DEPRECATED_MESSAGE);
}
