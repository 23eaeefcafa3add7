import { format } from 'node:util';

/** The body of `/runtime/init/error` and `/runtime/invocation/{id}/error`, as Lambda's Node runtime sends it. */
export interface ErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  /** Lambda's Node runtime calls the stack `trace`, one line per entry. */
  readonly trace: string[];
}

/**
 * What Lambda reports for a thrown value: an Error's type is its name (or, for a plain `Error`,
 * its class), anything else is type `string` with its formatted text.
 *
 * @example
 * errorPayload(new TypeError('bad input')); // { errorType: 'TypeError', errorMessage: 'bad input', trace: [...] }
 * errorPayload(serializeError, 'Runtime.MalformedHandlerResponse');
 */
export function errorPayload(err: unknown, typeOverride?: string): ErrorPayload {
  if (err instanceof Error) {
    return {
      errorType: typeOverride ?? (err.name && err.name !== 'Error' ? err.name : err.constructor?.name || 'Error'),
      errorMessage: err.message,
      trace: (err.stack ?? '').split('\n'),
    };
  }
  return { errorType: typeOverride ?? 'string', errorMessage: typeof err === 'string' ? err : format(err), trace: [] };
}
