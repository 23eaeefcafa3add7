import * as net from 'node:net';
import { RuntimeApiClosedError } from './errors';
import { API_VERSION_PREFIX, NEXT_PATH } from './paths';

/** One request to the Runtime API; `path` is below the version prefix. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One answer of the Runtime API; header names are lower case. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface ConnectionOptions {
  readonly host: string;
  readonly port: number;
  /**
   * Called once a batch that ends with a request for the next event has reached the kernel (a
   * stopped process flushes nothing, so this is the earliest moment the process may freeze itself).
   */
  readonly onNextWritten?: () => void;
}

/** A request whose body leaves in chunks as it is written (Transfer-Encoding: chunked). */
export interface ChunkedRequest {
  /** Sends one chunk; `done` runs once it has reached the kernel (the stream's backpressure). */
  write(chunk: Buffer, done: (err?: Error | null) => void): void;
  /** Sends the last chunk, with `trailers` when given; resolves with the answer. */
  end(trailers?: Readonly<Record<string, string>>): Promise<ApiResponse>;
}

interface Waiter {
  resolve: (response: ApiResponse) => void;
  reject: (err: Error) => void;
}

/**
 * A minimal HTTP/1.1 client on one keep-alive socket. It exists for speed: it pipelines
 * POST /response with the following GET /next in one write, so a warm invocation costs one
 * round trip between the processes instead of two. Responses come back in request order.
 *
 * @example
 * const connection = new RuntimeApiConnection({ host: '127.0.0.1', port: 9001 });
 * const [posted, next] = connection.send([responseRequest, { method: 'GET', path: NEXT_PATH }]);
 */
export class RuntimeApiConnection {
  private readonly host: string;
  private readonly port: number;
  private readonly onNextWritten: (() => void) | undefined;
  private socket: net.Socket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: Waiter[] = [];

  constructor(options: ConnectionOptions) {
    this.host = options.host;
    this.port = options.port;
    this.onNextWritten = options.onNextWritten;
  }

  /** Writes all `requests` at once; one promise per request, each settled by its own response. */
  send(requests: ReadonlyArray<ApiRequest>): Promise<ApiResponse>[] {
    const socket = this.connect();
    let text = '';
    const promises: Promise<ApiResponse>[] = [];
    for (const r of requests) {
      text += `${r.method} ${API_VERSION_PREFIX}${r.path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
      for (const [k, v] of Object.entries(r.headers ?? {})) text += `${k}: ${v}\r\n`;
      text += r.body !== undefined ? `Content-Length: ${Buffer.byteLength(r.body)}\r\n\r\n${r.body}` : '\r\n';
      promises.push(new Promise<ApiResponse>((resolve, reject) => this.waiting.push({ resolve, reject })));
    }
    socket.ref();
    const onNextWritten = this.onNextWritten;
    if (onNextWritten && requests[requests.length - 1]?.path === NEXT_PATH) {
      // At once when the write went through whole, else when it has.
      let called = false;
      const written = (): void => {
        if (called) return;
        called = true;
        onNextWritten();
      };
      socket.write(text, (err) => {
        if (!err) written();
      });
      if (socket.writableLength === 0) written();
    } else socket.write(text);
    return promises;
  }

  /**
   * Opens a request with a chunked body on the same socket, behind whatever is in flight: a
   * streamed response goes out chunk by chunk as the handler writes it.
   *
   * @example
   * const request = connection.openChunked('POST', responsePath(id), { 'Content-Type': 'text/plain' });
   * request.write(Buffer.from('hello'), () => undefined);
   * await request.end();
   */
  openChunked(method: string, path: string, headers: Readonly<Record<string, string>>): ChunkedRequest {
    const socket = this.connect();
    let head = `${method} ${API_VERSION_PREFIX}${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    head += 'Transfer-Encoding: chunked\r\n\r\n';
    const answer = new Promise<ApiResponse>((resolve, reject) => this.waiting.push({ resolve, reject }));
    socket.ref();
    socket.write(head);
    return {
      write(chunk, done) {
        // A zero-length chunk would end the body.
        if (chunk.length === 0) return void process.nextTick(done);
        socket.cork();
        socket.write(`${chunk.length.toString(16)}\r\n`);
        socket.write(chunk);
        socket.write('\r\n', done);
        socket.uncork();
      },
      end(trailers) {
        let tail = '0\r\n';
        for (const [k, v] of Object.entries(trailers ?? {})) tail += `${k}: ${v}\r\n`;
        socket.write(`${tail}\r\n`);
        return answer;
      },
    };
  }

  private connect(): net.Socket {
    if (this.socket) return this.socket;
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    const fail = (err: Error): void => {
      this.socket = undefined;
      for (const w of this.waiting.splice(0)) w.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new RuntimeApiClosedError()));
    this.socket = socket;
    return socket;
  }

  private parse(): void {
    for (;;) {
      const headEnd = this.buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = this.buffer.toString('latin1', 0, headEnd).split('\r\n');
      const status = Number(head[0]?.split(' ')[1]);
      const headers: Record<string, string> = {};
      for (let i = 1; i < head.length; i += 1) {
        const line = head[i] ?? '';
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? '0');
      if (this.buffer.length < headEnd + 4 + length) return;
      const body = this.buffer.toString('utf8', headEnd + 4, headEnd + 4 + length);
      this.buffer = this.buffer.subarray(headEnd + 4 + length);
      const waiter = this.waiting.shift();
      // Idle between requests, the socket must not keep the event loop alive: a callback handler's
      // answer waits for the loop to drain.
      if (this.waiting.length === 0) this.socket?.unref();
      waiter?.resolve({ status, headers, body });
    }
  }
}
