import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one environment does with the Runtime API calls of its process. */
export interface RuntimeApiHandler {
  /** GET /runtime/invocation/next: hold `res` until there is an event. */
  next(res: http.ServerResponse): void;
  /** POST /runtime/invocation/{id}/response; false when `id` is not the current invocation. */
  response(requestId: string, body: Buffer): boolean;
  /** POST /runtime/invocation/{id}/error. */
  error(requestId: string, body: Buffer, errorType: string | undefined): boolean;
  /** POST /runtime/init/error. */
  initError(body: Buffer, errorType: string | undefined): void;
}

export interface RuntimeApiServer {
  /** host:port, the value of AWS_LAMBDA_RUNTIME_API (no path, as Lambda's). */
  readonly address: string;
  /** Answers a held GET /next with an event. */
  writeEvent(res: http.ServerResponse, headers: Record<string, string | number>, body: Buffer): void;
  close(): void;
}

const PREFIX = '/2018-06-01/runtime/';
const RESPONSE_LIMIT = 6 * 1024 * 1024;
const ACCEPTED = Buffer.from('{"status":"OK"}');
const TOO_LARGE = Buffer.from(
  JSON.stringify({
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size exceeded maximum allowed payload size (${RESPONSE_LIMIT} bytes).`,
  }),
);

/**
 * One Runtime API listener per environment, on 127.0.0.1:0. AWS_LAMBDA_RUNTIME_API is host:port
 * with no room for an environment id, so the port is the identity, as each Lambda sandbox has its own.
 *
 * @example
 * const api = await startRuntimeApiServer(environment);
 * spawn(node, [bootstrap], { env: { AWS_LAMBDA_RUNTIME_API: api.address } });
 */
export async function startRuntimeApiServer(handler: RuntimeApiHandler, host = '127.0.0.1'): Promise<RuntimeApiServer> {
  let pendingAck: http.ServerResponse | undefined;
  let ackTimer: NodeJS.Immediate | undefined;
  const heldAcks = new WeakMap<http.ServerResponse, http.ServerResponse>();
  const flushAck = (): void => {
    ackTimer = undefined;
    if (pendingAck) accepted(pendingAck);
    pendingAck = undefined;
  };
  // A runtime client that waits for the 202 before asking for /next gets it within one loop turn.
  const acknowledge = (res: http.ServerResponse): void => {
    if (pendingAck) accepted(pendingAck);
    pendingAck = res;
    ackTimer = setImmediate(flushAck);
  };
  const server = http.createServer({ keepAliveTimeout: 0, requestTimeout: 0, headersTimeout: 0 }, (req, res) => {
    const url = req.url ?? '';
    if (!url.startsWith(PREFIX)) return reply(res, 404, 'UnknownPath', 'Unknown path');
    const rest = url.slice(PREFIX.length);
    if (rest === 'invocation/next') {
      if (req.method !== 'GET') return reply(res, 405, 'MethodNotAllowed', 'Use GET');
      req.resume();
      // A /next pipelined right behind /response: hold that 202 and send it with the next event,
      // so the environment wakes once per invocation instead of twice.
      if (pendingAck && pendingAck.socket === res.socket) {
        if (ackTimer) clearImmediate(ackTimer);
        ackTimer = undefined;
        heldAcks.set(res, pendingAck);
        pendingAck = undefined;
      }
      handler.next(res);
      return;
    }
    if (req.method !== 'POST') return reply(res, 405, 'MethodNotAllowed', 'Use POST');
    const errorType = header(req, 'lambda-runtime-function-error-type');
    readBody(req, (body) => {
      if (body === undefined) {
        // Lambda fails the invocation itself when the function's response is over 6 MB.
        const id = /^invocation\/([^/]+)\/response$/.exec(rest)?.[1];
        if (id) handler.error(id, TOO_LARGE, 'Function.ResponseSizeTooLarge');
        return reply(res, 413, 'RequestEntityTooLarge', 'Response payload too large');
      }
      if (rest === 'init/error') {
        handler.initError(body, errorType);
        return accepted(res);
      }
      const slash = rest.indexOf('/', 'invocation/'.length);
      if (!rest.startsWith('invocation/') || slash < 0) return reply(res, 404, 'UnknownPath', 'Unknown path');
      const requestId = rest.slice('invocation/'.length, slash);
      const kind = rest.slice(slash + 1);
      const ok =
        kind === 'response'
          ? handler.response(requestId, body)
          : kind === 'error'
            ? handler.error(requestId, body, errorType)
            : undefined;
      if (ok === undefined) return reply(res, 404, 'UnknownPath', 'Unknown path');
      if (!ok) return reply(res, 400, 'InvalidRequestID', 'Invalid request ID');
      acknowledge(res);
    });
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    address: `${host}:${port}`,
    writeEvent(res, headers, body) {
      const ack = heldAcks.get(res);
      if (ack) {
        heldAcks.delete(res);
        accepted(ack);
      }
      res.writeHead(200, headers);
      res.end(body);
    },
    close() {
      if (ackTimer) clearImmediate(ackTimer);
      server.close();
      server.closeAllConnections();
    },
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: http.IncomingMessage, done: (body: Buffer | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= RESPONSE_LIMIT) chunks.push(chunk);
  });
  req.on('end', () => done(size > RESPONSE_LIMIT ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
}

function accepted(res: http.ServerResponse): void {
  res.writeHead(202, { 'content-type': 'application/json', 'content-length': ACCEPTED.length });
  res.end(ACCEPTED);
}

function reply(res: http.ServerResponse, status: number, errorType: string, errorMessage: string): void {
  const body = JSON.stringify({ errorType, errorMessage });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
