/**
 * The local stack as a web page sees it: every listener refuses a foreign Host (DNS rebinding) and the
 * APIs refuse cross-site "simple" requests, against the real running `npm start`. Plus what a crash or
 * a second start must not do.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  cleanup,
  getJson,
  processAlive,
  type StackProcess,
  sleep,
  snapshotStack,
  startStack,
  tempDir,
} from './support';

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** A request with exactly these headers (fetch may not set Host). */
function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.end(options.body);
  });
}

const hostOf = (url: string) => new URL(url).port;

describe('the running stack refuses what a web page can send', () => {
  let stack: StackProcess;
  const pgDataDir = tempDir('lrl-e2e-security-pg-');

  beforeAll(async () => {
    stack = await startStack({ stackFile: await snapshotStack(), pgDataDir });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    cleanup();
  });

  it.each([
    ['HTTP API', () => `${stack.httpApi}/hello`],
    ['Invoke API', () => `${stack.lambdaApi}/2015-03-31/functions/`],
    ['live view', () => `${stack.lambdaApi}/_local/`],
    ['SSM', () => `${stack.ssm}/`],
    ['Secrets Manager', () => `${stack.secretsManager}/`],
  ])('the %s answers a rebinding Host with 403 naming --allow-host', async (_name, url) => {
    // Act
    const answer = await request(url(), { headers: { host: `evil.example:${hostOf(url())}` } });

    // Assess
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('--allow-host');
  });

  it('refuses a cross-site text/plain invoke, and no environment starts for it', async () => {
    // Prepare
    const name = 'lambda-reuse-lab-dev-db-naive';
    const before = (await getJson<Array<{ function: string }>>(`${stack.lambdaApi}/_local/environments`)).body;

    // Act
    const answer = await request(`${stack.lambdaApi}/2015-03-31/functions/${name}/invocations`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'text/plain;charset=UTF-8' },
      body: '{"rawPath":"/db/naive","requestContext":{"http":{"method":"POST"}}}',
    });
    const after = (await getJson<Array<{ function: string }>>(`${stack.lambdaApi}/_local/environments`)).body;

    // Assess
    expect(answer.status).toBe(403);
    expect(after.filter((e) => e.function === name).length).toBe(before.filter((e) => e.function === name).length);
  });

  it('refuses a cross-site text/plain PutParameter, and the value stays', async () => {
    // Prepare
    const client = new SSMClient({
      endpoint: stack.ssm,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const name = '/lambda-reuse-lab/dev/app/message';
    const before = (await client.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;

    // Act
    const answer = await request(stack.ssm, {
      method: 'POST',
      headers: {
        origin: 'http://evil.example',
        'content-type': 'text/plain',
        'x-amz-target': 'AmazonSSM.PutParameter',
      },
      body: JSON.stringify({ Name: name, Value: 'pwned', Type: 'String', Overwrite: true }),
    });
    const blind = await request(stack.ssm, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-amz-target': 'AmazonSSM.PutParameter' },
      body: JSON.stringify({ Name: name, Value: 'pwned', Type: 'String', Overwrite: true }),
    });
    const after = (await client.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
    client.destroy();

    // Assess
    expect(answer.status).toBe(403);
    expect(blind.status).toBe(400);
    expect(after).toBe(before);
  });

  it('answers slow clients 408 and keeps serving the others', async () => {
    // Prepare: connections that send half a request line and then nothing.
    const slow = Array.from({ length: 50 }, (_, i) => {
      const url = new URL(i % 2 === 0 ? stack.httpApi : stack.lambdaApi);
      return new Promise<string>((resolve) => {
        const socket = net.connect(Number(url.port), url.hostname);
        let out = '';
        socket.setEncoding('utf8');
        socket.on('data', (d) => {
          out += d;
        });
        socket.on('error', () => resolve(out));
        socket.on('close', () => resolve(out));
        socket.write('GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      });
    });

    // Act
    const during = await getJson(`${stack.httpApi}/hello`);
    const answers = await Promise.all(slow);

    // Assess
    expect(during.status).toBe(200);
    expect(answers.every((a) => a.startsWith('HTTP/1.1 408'))).toBe(true);
  }, 60_000);
});

describe('stopping and restarting the stack', () => {
  afterAll(() => cleanup());

  it('answers every request in flight when Ctrl-C arrives, then exits 0', async () => {
    // Prepare: requests that take the breaker's timeout to answer.
    const stack = await startStack({ stackFile: await snapshotStack() });
    await getJson(`${stack.httpApi}/breaker`);
    const inFlight = Array.from({ length: 4 }, () => getJson(`${stack.httpApi}/breaker?fault=hang`));
    await sleep(300);

    // Act
    const exit = await stack.stop('SIGINT', 60_000);
    const answers = await Promise.allSettled(inFlight);

    // Assess
    expect(exit).toEqual({ code: 0, signal: null });
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value.status : String(a.reason)))).toEqual([
      200, 200, 200, 200,
    ]);
  }, 120_000);

  it('refuses a second start on the same data folder at once, naming the first', async () => {
    // Prepare
    const pgDataDir = tempDir('lrl-e2e-second-pg-');
    const first = await startStack({ stackFile: await snapshotStack(), pgDataDir });

    // Act
    const second = startStack({ stackFile: await snapshotStack(), pgDataDir, timeoutMs: 30_000 });

    // Assess
    await expect(second).rejects.toThrow(`already runs in this folder: pid ${first.child.pid}`);
    expect((await getJson(`${first.httpApi}/hello`)).status).toBe(200);
    expect(await first.stop()).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('starts again after a kill -9, stopping the PostgreSQL the killed one left', async () => {
    // Prepare
    const pgDataDir = tempDir('lrl-e2e-kill9-pg-');
    const killed = await startStack({ stackFile: await snapshotStack(), pgDataDir });
    await getJson(`${killed.httpApi}/db`);

    // Act
    const exit = await killed.stop('SIGKILL', 10_000);
    const again = await startStack({ stackFile: await snapshotStack(), pgDataDir });
    const db = await getJson<{ visits?: number }>(`${again.httpApi}/db`);

    // Assess
    expect(exit.signal).toBe('SIGKILL');
    expect(killed.child.pid !== undefined && processAlive(killed.child.pid)).toBe(false);
    expect(db.status).toBe(200);
    expect(again.output()).toContain('that an earlier, killed start left running');
    expect(await again.stop()).toEqual({ code: 0, signal: null });
  }, 180_000);
});
