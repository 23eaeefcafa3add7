import * as http from 'node:http';
import type { Socket } from 'node:net';
import { type AccessPolicy, ALLOW_HOST_FLAG, isAllowedHost, isAllowedOrigin } from './access-policy';
import { type ListeningAddress, listen } from './listen';

/**
 * Bounds on what one client may hold. Node's own defaults let a slow client keep a request open for
 * five minutes and any number of sockets open; a local stack shares its machine with the developer's
 * browser, so every listener gets these instead.
 */
export interface ListenerLimits {
  /** The request line and headers must arrive within this (408 otherwise). */
  readonly headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (408 otherwise). */
  readonly requestTimeoutMs: number;
  /** Open connections at most; one more is answered 503 and closed. */
  readonly maxConnections: number;
  /** On close, how long in-flight requests may take before they are answered 503. */
  readonly drainMs: number;
}

export const listenerDefaults: ListenerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 512,
  drainMs: 10_000,
};

export interface LocalServerOptions {
  /** Names the listener in refusals, e.g. `Invoke API`. */
  readonly name: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Host names added with `--allow-host`. */
  readonly allowHosts: readonly string[];
  /**
   * Refuse browser requests from any origin but this listener's own: every API but the public HTTP
   * API, which stays open to browsers as API Gateway is.
   */
  readonly sameOriginOnly: boolean;
  readonly limits?: Partial<ListenerLimits>;
}

/** A running listener: where it is, and how to stop it. */
export interface LocalServer extends ListeningAddress {
  readonly server: http.Server;
  /** Requests being answered now. */
  readonly inFlight: number;
  /**
   * Stops accepting, lets in-flight requests finish for at most `drainMs`, answers the rest 503,
   * then closes every connection. A second call waits for the first.
   */
  close(drainMs?: number): Promise<void>;
}

/** The JSON body of every refusal: a message that names the option, and a stable code. */
function refusal(code: string, message: string): string {
  return JSON.stringify({ message, code });
}

function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  const body = refusal(code, message);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}

/**
 * Starts an HTTP listener with the project's security boundary in front of `handler`: the Host
 * allow-list (403 before any routing), the same-origin rule for APIs, bounded headers, bodies and
 * connections, and a graceful close that answers every request it accepted.
 *
 * @example
 * const api = await startLocalServer(handler, { name: 'SSM', host: '127.0.0.1', port: 3003, allowHosts: [], sameOriginOnly: true });
 * await api.close(); // drains, then closes
 */
export async function startLocalServer(
  handler: http.RequestListener,
  options: LocalServerOptions,
): Promise<LocalServer> {
  const limits: ListenerLimits = { ...listenerDefaults, ...options.limits };
  const inFlight = new Set<http.ServerResponse>();
  const sockets = new Set<Socket>();
  let policy: AccessPolicy = { port: options.port, allowHosts: options.allowHosts };
  let draining = false;

  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks both timeouts on this interval (30 s by default), so a 10 s limit needs a finer one.
      connectionsCheckingInterval: Math.max(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 10, 50),
    },
    (req, res) => {
      if (draining) {
        refuse(res, 503, 'ESHUTTINGDOWN', `The local ${options.name} is shutting down.`);
        return;
      }
      if (!isAllowedHost(req.headers.host, policy)) {
        refuse(
          res,
          403,
          'EHOSTNOTALLOWED',
          `Host ${JSON.stringify(req.headers.host ?? '')} is not allowed on the local ${options.name}: only 127.0.0.1, ` +
            `localhost and [::1] on port ${policy.port} are. To allow another name, start with ${ALLOW_HOST_FLAG} <name>.`,
        );
        return;
      }
      if (options.sameOriginOnly && !isAllowedOrigin(req.headers.origin, policy)) {
        refuse(
          res,
          403,
          'EORIGINNOTALLOWED',
          `Cross-origin request from ${JSON.stringify(req.headers.origin)} refused by the local ${options.name}: ` +
            `only pages served from this listener may call it. To allow another name, start with ${ALLOW_HOST_FLAG} <name>.`,
        );
        return;
      }
      inFlight.add(res);
      res.once('close', () => {
        inFlight.delete(res);
        if (draining) server.closeIdleConnections();
      });
      handler(req, res);
    },
  );
  server.on('connection', (socket: Socket) => {
    if (sockets.size >= limits.maxConnections) {
      const body = refusal(
        'ETOOMANYCONNECTIONS',
        `The local ${options.name} has ${limits.maxConnections} connections open already.`,
      );
      socket.end(
        `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // A malformed request or a timed-out one: answer 400/408 as Node would, never crash, keep serving.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return void socket.destroy();
    const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'ERR_HTTP_HEADERS_TIMEOUT';
    const status = timedOut ? '408 Request Timeout' : '400 Bad Request';
    const body = refusal(
      timedOut ? 'EREQUESTTIMEOUT' : 'EBADREQUEST',
      timedOut ? 'Request timed out.' : 'Bad request.',
    );
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });

  const address = await listen(server, options.port, options.host);
  policy = { port: address.port, allowHosts: options.allowHosts };

  let closing: Promise<void> | undefined;
  const close = (drainMs = limits.drainMs): Promise<void> => {
    closing ??= (async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + drainMs;
      while (inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const res of inFlight) {
        if (!res.headersSent)
          refuse(res, 503, 'ESHUTTINGDOWN', `The local ${options.name} shut down before this request finished.`);
        else res.destroy();
      }
      server.closeAllConnections();
      await closed;
    })();
    return closing;
  };

  return {
    ...address,
    server,
    get inFlight() {
      return inFlight.size;
    },
    close,
  };
}
