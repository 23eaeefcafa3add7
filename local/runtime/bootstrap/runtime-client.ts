import type { ApiRequest, ApiResponse, ChunkedRequest, RuntimeApiConnection } from './connection';
import { errorPayload } from './error-payload';
import { SELF_FREEZE_HEADERS } from './freeze';
import { invocationErrorPath, NEXT_PATH, responsePath } from './paths';
import { ERROR_BODY_TRAILER, ERROR_TYPE_TRAILER, STREAMING_MODE_HEADER } from './streaming';

export interface RuntimeClientOptions {
  /** Whether this process freezes itself after each GET /next, which the runtime learns from a header. */
  readonly selfFreeze: boolean;
}

/**
 * The Runtime API's requests as the bootstrap makes them, over one {@link RuntimeApiConnection}:
 * which path, body and headers each outcome becomes.
 *
 * @example
 * const client = new RuntimeClient(connection, { selfFreeze: true });
 * let next = client.next();
 * next = client.respond(inv.requestId, null, { ok: true });
 */
export class RuntimeClient {
  private readonly connection: RuntimeApiConnection;
  private readonly nextRequest: ApiRequest;

  constructor(connection: RuntimeApiConnection, options: RuntimeClientOptions) {
    this.connection = connection;
    this.nextRequest = {
      method: 'GET',
      path: NEXT_PATH,
      ...(options.selfFreeze ? { headers: SELF_FREEZE_HEADERS } : {}),
    };
  }

  /** Asks for the next event; the answer comes when there is one. */
  next(): Promise<ApiResponse> {
    return this.connection.send([this.nextRequest])[0] as Promise<ApiResponse>;
  }

  /**
   * Posts the invocation's outcome (an error when `err` is neither null nor undefined, else
   * `result` as JSON) and, in the same write, asks for the next event; returns that next answer.
   * A result that does not serialise is reported as `Runtime.MalformedHandlerResponse`.
   */
  respond(requestId: string, err: unknown, result: unknown): Promise<ApiResponse> {
    const [posted, next] = this.connection.send([outcomeRequest(requestId, err, result), this.nextRequest]);
    posted?.catch(() => undefined);
    return next as Promise<ApiResponse>;
  }

  /**
   * Posts the invocation's outcome alone and returns the Runtime API's answer to it: the multi-concurrent
   * loop's way (workers.ts), where GET /next travels on a connection of its own.
   */
  answer(requestId: string, err: unknown, result: unknown): Promise<ApiResponse> {
    return this.connection.send([outcomeRequest(requestId, err, result)])[0] as Promise<ApiResponse>;
  }

  /** Opens the streamed POST /response of a streaming handler (see streaming.ts). */
  openResponse(requestId: string, contentType: string): ChunkedRequest {
    return this.connection.openChunked('POST', responsePath(requestId), {
      'Content-Type': contentType,
      [STREAMING_MODE_HEADER]: 'streaming',
      Trailer: `${ERROR_TYPE_TRAILER}, ${ERROR_BODY_TRAILER}`,
    });
  }

  /** Posts `err` to `path` (init error or an invocation's error) and waits for the answer. */
  async reportError(path: string, err: unknown, typeOverride?: string): Promise<void> {
    const [posted] = this.connection.send([errorRequest(path, err, typeOverride)]);
    await posted;
  }
}

/** An error when `err` is neither null nor undefined, else `result` as JSON; a result that does not serialise is an error. */
function outcomeRequest(requestId: string, err: unknown, result: unknown): ApiRequest {
  if (err !== null && err !== undefined) return errorRequest(invocationErrorPath(requestId), err);
  try {
    return {
      method: 'POST',
      path: responsePath(requestId),
      body: result === undefined ? 'null' : JSON.stringify(result),
      headers: { 'Content-Type': 'application/json' },
    };
  } catch (serializeError) {
    return errorRequest(invocationErrorPath(requestId), serializeError, 'Runtime.MalformedHandlerResponse');
  }
}

function errorRequest(path: string, err: unknown, typeOverride?: string): ApiRequest {
  const payload = errorPayload(err, typeOverride);
  return {
    method: 'POST',
    path,
    body: JSON.stringify(payload),
    headers: { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': payload.errorType },
  };
}
