import type { UrlInvoke } from '../http-api';
import { LambdaApiError, type LocalLambda } from '../runtime';

/**
 * A function URL's invoke, straight to the runtime: Lambda's URL layer is part of Lambda, not a
 * client of its public Invoke API, and the stream receiver needs the function's content type.
 * Errors of the Invoke API (429, 404 ...) come back as results with their status, as the HTTP API's.
 *
 * @example
 * functionUrlHandler({ urls, invoke: urlInvokeThroughRuntime(runtime), accountId, region, log });
 */
export function urlInvokeThroughRuntime(rt: LocalLambda): UrlInvoke {
  return async (functionName, event, stream) => {
    try {
      const out = await rt.invoke(functionName, Buffer.from(event), stream ? { stream } : {});
      const result = { statusCode: 200, payload: out.payload.toString('utf8') };
      return out.functionError ? { ...result, functionError: out.functionError } : result;
    } catch (err) {
      if (!(err instanceof LambdaApiError)) throw err;
      return { statusCode: err.statusCode, payload: JSON.stringify({ message: err.message }), errorType: err.awsType };
    }
  };
}
