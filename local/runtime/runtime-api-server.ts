import * as net from 'node:net';

/** A GET /next the environment holds until there is an event. */
export interface HeldNext {
  readonly socket: net.Socket;
  /** The client stops itself (SIGSTOP) once this request has left; it needs only a thaw. */
  readonly selfFreeze: boolean;
  /** Answers this GET /next with an event. */
  writeEvent(headers: Record<string, string | number>, body: Buffer): void;
}

/** What one environment does with the Runtime API calls of its process. */
export interface RuntimeApiHandler {
  /** GET /runtime/invocation/next: hold it until there is an event. */
  next(held: HeldNext): void;
  /** POST /runtime/invocation/{id}/response; false when `id` is not the current invocation. */
  response(requestId: string, body: Buffer): boolean;
  /**
   * POST /runtime/invocation/{id}/response in streaming mode (`Lambda-Runtime-Function-Response-Mode:
   * streaming`): where its chunks go as they arrive; undefined when `id` is not the current invocation.
   */
  streamResponse?(requestId: string, contentType: string): ResponseSink | undefined;
  /** POST /runtime/invocation/{id}/error. */
  error(requestId: string, body: Buffer, errorType: string | undefined): boolean;
  /** POST /runtime/init/error. */
  initError(body: Buffer, errorType: string | undefined): void;
}

/** Where the chunks of a streamed response go. */
export interface ResponseSink {
  /** One chunk of the body; returns how long (ms) the sender must wait before more is read (0: none). */
  chunk(data: Buffer): number;
  /** The last chunk, with the error trailers when the handler failed mid-stream. */
  end(errorType: string | undefined, errorBody: string | undefined): void;
}

const DISCARD: ResponseSink = { chunk: () => 0, end: () => undefined };
const RESPONSE_PATH = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/response$/;

/** One invocation as GET /next hands it to the runtime client. */
export interface RuntimeEvent {
  readonly requestId: string;
  readonly payload: Buffer;
  /** Epoch ms. */
  readonly deadlineMs: number;
  readonly invokedFunctionArn: string;
  readonly traceId: string;
  readonly clientContext?: string;
  readonly cognitoIdentity?: string;
}

export interface RuntimeApiServer {
  /** host:port, the value of AWS_LAMBDA_RUNTIME_API (no path, as Lambda's). */
  readonly address: string;
  close(): void;
}

const PREFIX = '/2018-06-01/runtime/';
const EMPTY_EVENT = Buffer.from('{}');
const RESPONSE_LIMIT = 6 * 1024 * 1024;
const HEADER_LIMIT = 64 * 1024;
const ACCEPTED = 'HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{"status":"OK"}';
const TOO_LARGE = Buffer.from(
  JSON.stringify({
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size exceeded maximum allowed payload size (${RESPONSE_LIMIT} bytes).`,
  }),
);
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
};

interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

/**
 * One Runtime API listener per environment, on 127.0.0.1:0. AWS_LAMBDA_RUNTIME_API is host:port
 * with no room for an environment id, so the port is the identity, as each Lambda sandbox has its own.
 *
 * It speaks HTTP/1.1 itself (keep-alive, pipelining, Content-Length or chunked bodies,
 * Expect: 100-continue) rather than through node:http: the hot path is two small requests per
 * invocation, and answering the 202 together with the next event in one write saves the
 * environment a wake-up per invocation.
 *
 * @example
 * const api = await startRuntimeApiServer(environment);
 * spawn(node, [bootstrap], { env: { AWS_LAMBDA_RUNTIME_API: api.address } });
 */
export async function startRuntimeApiServer(handler: RuntimeApiHandler): Promise<RuntimeApiServer> {
  // Loopback only, as the environment's own process is the only client (a Lambda sandbox's API is local too).
  const host = '127.0.0.1';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    serveConnection(socket, handler);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
  return {
    address: `${host}:${port}`,
    close() {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}

/**
 * Answers a held GET /next with `event`: the Lambda-Runtime-* headers and the payload (`{}` when
 * the invoke had none).
 *
 * @example
 * sendEvent(held, { requestId, payload, deadlineMs, invokedFunctionArn, traceId });
 */
export function sendEvent(held: HeldNext, event: RuntimeEvent): void {
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': event.payload.length || EMPTY_EVENT.length,
    'lambda-runtime-aws-request-id': event.requestId,
    'lambda-runtime-deadline-ms': event.deadlineMs,
    'lambda-runtime-invoked-function-arn': event.invokedFunctionArn,
    'lambda-runtime-trace-id': event.traceId,
  };
  if (event.clientContext) headers['lambda-runtime-client-context'] = event.clientContext;
  if (event.cognitoIdentity) headers['lambda-runtime-cognito-identity'] = event.cognitoIdentity;
  held.writeEvent(headers, event.payload.length ? event.payload : EMPTY_EVENT);
}

function serveConnection(socket: net.Socket, handler: RuntimeApiHandler): void {
  let buffer: Buffer = Buffer.alloc(0);
  let ackTimer: NodeJS.Immediate | undefined;
  // 202s owed to the client, written together: behind a held /next they leave with its event.
  const state = { holding: false, heldAcks: 0 };
  // A streamed response in progress: its chunks are handed on as they arrive.
  let stream: { sink: ResponseSink; known: boolean } | undefined;
  let throttled = false;

  const writeEvent = (headers: Record<string, string | number>, body: Buffer): void => {
    if (socket.destroyed) return;
    let head = 'HTTP/1.1 200 OK\r\n';
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    head += '\r\n';
    // The 202s held back for this socket go out in the same write as the event.
    const ack = state.heldAcks > 0 ? ACCEPTED.repeat(state.heldAcks) : '';
    state.heldAcks = 0;
    // One buffer, one write: cheaper than a corked pair, which Node sends through writev.
    const text = ack + head;
    const out = Buffer.allocUnsafe(Buffer.byteLength(text, 'latin1') + body.length);
    const at = out.write(text, 'latin1');
    body.copy(out, at);
    socket.write(out);
    state.holding = false;
    // Requests that arrived behind the held /next are served now, in order.
    parse();
  };

  const flushAck = (): void => {
    ackTimer = undefined;
    if (state.heldAcks > 0) {
      const acks = state.heldAcks;
      state.heldAcks = 0;
      socket.write(acks === 1 ? ACCEPTED : ACCEPTED.repeat(acks));
    }
  };

  const reply = (status: number, errorType: string, errorMessage: string): void => {
    const body = JSON.stringify({ errorType, errorMessage });
    if (state.heldAcks > 0) flushAck();
    socket.write(
      `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };

  const dispatch = (req: Request): void => {
    if (!req.path.startsWith(PREFIX)) {
      reply(404, 'UnknownPath', 'Unknown path');
      return;
    }
    const rest = req.path.slice(PREFIX.length);
    if (rest === 'invocation/next') {
      if (req.method !== 'GET') {
        reply(405, 'MethodNotAllowed', 'Use GET');
        return;
      }
      // A 202 still held from the /response just before stays held: it leaves with the event.
      if (ackTimer) clearImmediate(ackTimer);
      ackTimer = undefined;
      state.holding = true;
      handler.next({ socket, selfFreeze: req.headers['lambda-runtime-local-freeze'] === 'self', writeEvent });
      return;
    }
    const match = /^invocation\/([^/]+)\/(response|error)$/.exec(rest);
    if (!match && rest !== 'init/error') {
      reply(404, 'UnknownPath', 'Unknown path');
      return;
    }
    if (req.method !== 'POST') {
      reply(405, 'MethodNotAllowed', 'Use POST');
      return;
    }
    const errorType = req.headers['lambda-runtime-function-error-type'];
    const body = req.body;
    if (!match) {
      handler.initError(body ?? Buffer.alloc(0), errorType);
      acknowledge();
      return;
    }
    const [, requestId = '', kind] = match;
    if (body === undefined) {
      // Lambda fails the invocation itself when the function's response is over 6 MB.
      if (kind === 'response') handler.error(requestId, TOO_LARGE, 'Function.ResponseSizeTooLarge');
      reply(413, 'RequestEntityTooLarge', 'Response payload too large');
      return;
    }
    const ok = kind === 'response' ? handler.response(requestId, body) : handler.error(requestId, body, errorType);
    if (!ok) {
      reply(400, 'InvalidRequestID', 'Invalid request ID');
      return;
    }
    acknowledge();
  };

  // The 202 waits one loop turn: if the client pipelined /next behind its /response, the 202
  // leaves with the next event; a client that waits for the 202 first gets it at once. Several
  // responses read together (a Managed Instances worker answering many) get their 202s in one write.
  const acknowledge = (): void => {
    state.heldAcks += 1;
    ackTimer ??= setImmediate(flushAck);
  };

  /** Reads the chunks of the streamed response that have arrived; true once its last chunk has. */
  const parseStream = (current: { sink: ResponseSink; known: boolean }): boolean => {
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n');
      if (lineEnd < 0) return false;
      const length = parseInt(buffer.toString('latin1', 0, lineEnd), 16);
      if (!Number.isFinite(length)) {
        socket.destroy();
        return false;
      }
      if (length === 0) {
        // Trailers, if any, end with a blank line; without them the blank line follows at once.
        const end = buffer.indexOf('\r\n\r\n', lineEnd);
        if (end < 0) return false;
        const trailers: Record<string, string> = {};
        for (const line of buffer.toString('latin1', lineEnd + 2, end).split('\r\n')) {
          const colon = line.indexOf(':');
          if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        buffer = buffer.subarray(end + 4);
        stream = undefined;
        current.sink.end(
          trailers['lambda-runtime-function-error-type'],
          trailers['lambda-runtime-function-error-body'],
        );
        if (current.known) acknowledge();
        else reply(400, 'InvalidRequestID', 'Invalid request ID');
        return true;
      }
      if (buffer.length < lineEnd + 2 + length + 2) return false;
      const data = buffer.subarray(lineEnd + 2, lineEnd + 2 + length);
      buffer = buffer.subarray(lineEnd + 4 + length);
      const waitMs = current.sink.chunk(data);
      if (waitMs > 0) {
        // Bandwidth: the sender's writes back up in TCP while this socket is not read.
        throttled = true;
        socket.pause();
        setTimeout(() => {
          throttled = false;
          socket.resume();
          parse();
        }, waitMs);
        return false;
      }
    }
  };

  const parse = (): void => {
    while (!state.holding && buffer.length > 0) {
      if (stream) {
        if (!parseStream(stream)) return;
        continue;
      }
      const headEnd = buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) {
        if (buffer.length > HEADER_LIMIT) socket.destroy();
        return;
      }
      const lines = buffer.toString('latin1', 0, headEnd).split('\r\n');
      const [method = '', path = ''] = (lines[0] ?? '').split(' ');
      const headers: Record<string, string> = {};
      for (let i = 1; i < lines.length; i += 1) {
        const line = lines[i] ?? '';
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let offset = headEnd + 4;
      let body: Buffer | undefined = Buffer.alloc(0);
      if ((headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) {
        // Only a chunked request can be a streamed response: the Content-Length path never looks.
        const streamed = headers['lambda-runtime-function-response-mode'] === 'streaming' && RESPONSE_PATH.exec(path);
        if (streamed && method === 'POST') {
          const sink = handler.streamResponse?.(
            streamed[1] ?? '',
            headers['content-type'] ?? 'application/octet-stream',
          );
          stream = { sink: sink ?? DISCARD, known: sink !== undefined };
          buffer = buffer.subarray(offset);
          continue;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        for (;;) {
          const lineEnd = buffer.indexOf('\r\n', offset);
          if (lineEnd < 0) {
            expectMore(headers);
            return;
          }
          const length = parseInt(buffer.toString('latin1', offset, lineEnd), 16);
          if (!Number.isFinite(length)) return void socket.destroy();
          if (length === 0) {
            // The last chunk: a blank line, or trailers then a blank line.
            if (buffer.length < lineEnd + 4) {
              expectMore(headers);
              return;
            }
            if (buffer.toString('latin1', lineEnd + 2, lineEnd + 4) === '\r\n') offset = lineEnd + 4;
            else {
              const end = buffer.indexOf('\r\n\r\n', lineEnd + 2);
              if (end < 0) {
                expectMore(headers);
                return;
              }
              offset = end + 4;
            }
            break;
          }
          if (buffer.length < lineEnd + 2 + length + 2) {
            expectMore(headers);
            return;
          }
          size += length;
          if (size <= RESPONSE_LIMIT) chunks.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + length));
          offset = lineEnd + 2 + length + 2;
        }
        body = size > RESPONSE_LIMIT ? undefined : Buffer.concat(chunks);
      } else {
        const length = Number(headers['content-length'] ?? '0');
        if (!Number.isFinite(length) || length < 0) return void socket.destroy();
        if (buffer.length < offset + length) {
          expectMore(headers);
          return;
        }
        body = length > RESPONSE_LIMIT ? undefined : buffer.subarray(offset, offset + length);
        offset += length;
      }
      buffer = buffer.subarray(offset);
      dispatch({ method, path, headers, body });
    }
  };

  let continued = false;
  const expectMore = (headers: Record<string, string>): void => {
    // curl-based runtime clients send Expect: 100-continue for large bodies and wait for it.
    if (!continued && (headers.expect ?? '').toLowerCase() === '100-continue') {
      continued = true;
      socket.write('HTTP/1.1 100 Continue\r\n\r\n');
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    if (throttled) return;
    const before = buffer.length;
    parse();
    if (buffer.length !== before) continued = false;
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    if (ackTimer) clearImmediate(ackTimer);
  });
}
