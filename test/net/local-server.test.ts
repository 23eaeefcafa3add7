import * as http from 'node:http';
import * as net from 'node:net';
import { type LocalServer, startLocalServer } from '../../local/net/local-server';

/** Sends raw bytes and resolves with everything the server answers before it closes. */
function raw(port: number, text: string, opts: { keepOpenMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => {
      out += d;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(out));
    socket.write(text);
    if (opts.keepOpenMs === undefined) return;
    setTimeout(() => socket.destroy(), opts.keepOpenMs);
  });
}

/** A GET with the Host header it is given (fetch may not set Host). */
function getWithHost(port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe('startLocalServer', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close(0);
    server = undefined;
  });

  it('refuses a foreign Host with 403 naming --allow-host, before the handler runs', async () => {
    // Prepare
    let handled = 0;
    server = await startLocalServer(
      (_req, res) => {
        handled += 1;
        res.end('ok');
      },
      { name: 'Invoke API', host: '127.0.0.1', port: 0, allowHosts: [], sameOriginOnly: true },
    );

    // Act
    const res = await getWithHost(server.port, `evil.example:${server.port}`);
    const ok = await getWithHost(server.port, `localhost:${server.port}`);

    // Assess
    expect(res.status).toBe(403);
    const body = JSON.parse(res.body) as { code: string; message: string };
    expect(body.code).toBe('EHOSTNOTALLOWED');
    expect(body.message).toContain('--allow-host');
    expect(ok.status).toBe(200);
    expect(handled).toBe(1);
  });

  it('refuses a cross-origin browser request on an API, but not on the public HTTP API', async () => {
    // Prepare
    const handler = (_req: unknown, res: { end(t: string): void }) => res.end('ok');
    server = await startLocalServer(handler, {
      name: 'SSM',
      host: '127.0.0.1',
      port: 0,
      allowHosts: [],
      sameOriginOnly: true,
    });
    const open = await startLocalServer(handler, {
      name: 'HTTP API',
      host: '127.0.0.1',
      port: 0,
      allowHosts: [],
      sameOriginOnly: false,
    });

    // Act
    const init = {
      method: 'POST',
      body: 'x',
      headers: { origin: 'http://evil.example', 'content-type': 'text/plain' },
    };
    const api = await fetch(server.url, init);
    const publicApi = await fetch(open.url, init);
    const own = await fetch(server.url, { ...init, headers: { origin: server.url } });
    await open.close(0);

    // Assess
    expect(api.status).toBe(403);
    expect(((await api.json()) as { code: string }).code).toBe('EORIGINNOTALLOWED');
    expect(publicApi.status).toBe(200);
    expect(own.status).toBe(200);
  });

  it('answers 408 to a client that never finishes its headers, and keeps serving', async () => {
    // Prepare
    server = await startLocalServer((_req, res) => res.end('ok'), {
      name: 'HTTP API',
      host: '127.0.0.1',
      port: 0,
      allowHosts: [],
      sameOriginOnly: false,
      limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 },
    });
    const started = Date.now();

    // Act
    const answer = await raw(server.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const after = await fetch(server.url);

    // Assess
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(after.status).toBe(200);
  });

  it('answers 503 past the connection cap and serves again once connections close', async () => {
    // Prepare
    server = await startLocalServer((_req, res) => res.end('ok'), {
      name: 'HTTP API',
      host: '127.0.0.1',
      port: 0,
      allowHosts: [],
      sameOriginOnly: false,
      limits: { maxConnections: 2 },
    });
    const held = [net.connect(server.port, '127.0.0.1'), net.connect(server.port, '127.0.0.1')];
    await Promise.all(held.map((s) => new Promise((r) => s.once('connect', r))));
    await new Promise((r) => setTimeout(r, 50));

    // Act
    const third = await raw(server.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`);
    for (const s of held) s.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const later = await fetch(server.url);

    // Assess
    expect(third).toMatch(/^HTTP\/1\.1 503 /);
    expect(third).toContain('ETOOMANYCONNECTIONS');
    expect(later.status).toBe(200);
  });

  it('answers in-flight requests on close, and 503 the ones still running after the drain', async () => {
    // Prepare
    server = await startLocalServer(
      (req, res) => {
        const ms = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('ms'));
        const timer = setTimeout(() => res.end('done'), ms);
        res.once('close', () => clearTimeout(timer));
      },
      { name: 'Invoke API', host: '127.0.0.1', port: 0, allowHosts: [], sameOriginOnly: true },
    );
    const url = server.url;
    const quick = fetch(`${url}/?ms=200`);
    const slow = fetch(`${url}/?ms=5000`);
    await new Promise((r) => setTimeout(r, 50));

    // Act
    const closed = server.close(600);
    const [q, s] = await Promise.all([quick, slow]);
    await closed;
    server = undefined;

    // Assess
    expect(q.status).toBe(200);
    expect(await q.text()).toBe('done');
    expect(s.status).toBe(503);
    expect(((await s.json()) as { code: string }).code).toBe('ESHUTTINGDOWN');
    await expect(fetch(url)).rejects.toThrow();
  });
});
