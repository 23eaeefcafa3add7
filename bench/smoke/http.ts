import { CodedError } from '../../common/errors';

/** A smoke request got no JSON answer: the network failed, it timed out, or the body was not JSON. */
export class SmokeRequestError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('ESMOKEREQUEST', message, options);
  }
}

/** One answer of the stack under test. */
export interface SmokeAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** GETs `path` from the stack, bounded by `timeoutMs`; the body must be a JSON object. */
export type SmokeGet = (path: string) => Promise<SmokeAnswer>;

/**
 * A GET against one base URL (the HTTP API's, without a trailing slash).
 *
 * @example
 * const get = httpGetter('http://127.0.0.1:3000', 30_000);
 * const { body } = await get('/hello');
 */
export function httpGetter(baseUrl: string, timeoutMs: number): SmokeGet {
  return async (path) => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new SmokeRequestError(`GET ${path}: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new SmokeRequestError(`GET ${path}: ${response.status}, not JSON`, { cause: error });
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw new SmokeRequestError(`GET ${path}: ${response.status}, not a JSON object`);
    return { status: response.status, body: body as Record<string, unknown> };
  };
}
