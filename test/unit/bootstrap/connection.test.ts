import * as net from 'node:net';
import { RuntimeApiConnection } from '../../../local/runtime/bootstrap/connection';
import { NEXT_PATH } from '../../../local/runtime/bootstrap/paths';
import { answerJson, startRuntimeApi, type TestRuntimeApi, within } from './support';

describe('RuntimeApiConnection', () => {
  let api: TestRuntimeApi | undefined;

  afterEach(async () => {
    jest.restoreAllMocks();
    await api?.close();
    api = undefined;
  });

  it('resolves pipelined requests with their own responses, in request order', async () => {
    // Prepare
    api = await startRuntimeApi((req, res) => answerJson(res, req.method === 'POST' ? 202 : 200, { url: req.url }));
    const connection = new RuntimeApiConnection({ host: '127.0.0.1', port: api.port });

    // Act
    const [posted, next] = connection.send([
      { method: 'POST', path: '/runtime/invocation/r1/response', body: '{"ok":true}' },
      { method: 'GET', path: NEXT_PATH },
    ]);
    const answers = await Promise.all([posted, next]);

    // Assess
    expect(answers.map((a) => [a?.status, JSON.parse(a?.body ?? '')])).toEqual([
      [202, { url: '/2018-06-01/runtime/invocation/r1/response' }],
      [200, { url: '/2018-06-01/runtime/invocation/next' }],
    ]);
    expect(api.received.map((r) => [r.method, r.body])).toEqual([
      ['POST', '{"ok":true}'],
      ['GET', ''],
    ]);
  });

  it('sends GET /next without waiting for the answer to POST /response', async () => {
    // Prepare: the server answers the POST only once the GET has arrived, which deadlocks a client that waits
    const held: Array<() => void> = [];
    api = await startRuntimeApi((req, res) => {
      if (req.method === 'POST') held.push(() => answerJson(res, 202, {}));
      else {
        for (const release of held) release();
        answerJson(res, 200, {});
      }
    });
    const connection = new RuntimeApiConnection({ host: '127.0.0.1', port: api.port });

    // Act
    const answers = connection.send([
      { method: 'POST', path: '/runtime/invocation/r1/response', body: 'null' },
      { method: 'GET', path: NEXT_PATH },
    ]);

    // Assess
    const [posted, next] = await within(Promise.all(answers), 2000, 'both answers');
    expect([posted?.status, next?.status]).toEqual([202, 200]);
  });

  it('writes the response and the request for the next event in one socket write', async () => {
    // Prepare: counts the writes that carry our request lines (the server's own writes carry none)
    api = await startRuntimeApi((_req, res) => answerJson(res, 200, {}));
    const connection = new RuntimeApiConnection({ host: '127.0.0.1', port: api.port });
    const write = jest.spyOn(net.Socket.prototype, 'write');

    // Act
    await Promise.all(
      connection.send([
        { method: 'POST', path: '/runtime/invocation/r1/response', body: 'null' },
        { method: 'GET', path: NEXT_PATH },
      ]),
    );

    // Assess
    const requestWrites = write.mock.calls.filter(([chunk]) => String(chunk).includes(' /2018-06-01/'));
    expect(requestWrites).toHaveLength(1);
    expect(String(requestWrites[0]?.[0])).toMatch(/^POST .*\r\n\r\nnullGET \/2018-06-01\/runtime\/invocation\/next /s);
  });

  it('calls onNextWritten once per batch that asks for the next event, and for no other batch', async () => {
    // Prepare
    api = await startRuntimeApi((_req, res) => answerJson(res, 200, {}));
    let written = 0;
    const connection = new RuntimeApiConnection({ host: '127.0.0.1', port: api.port, onNextWritten: () => written++ });

    // Act
    await Promise.all(connection.send([{ method: 'POST', path: '/runtime/init/error', body: '{}' }]));
    const afterError = written;
    await Promise.all(
      connection.send([
        { method: 'POST', path: '/runtime/invocation/r1/response', body: 'null' },
        { method: 'GET', path: NEXT_PATH },
      ]),
    );

    // Assess
    expect(afterError).toBe(0);
    expect(written).toBe(1);
  });

  it('sends headers, Host and Content-Length as given', async () => {
    // Prepare
    api = await startRuntimeApi((_req, res) => answerJson(res, 202, {}));
    const connection = new RuntimeApiConnection({ host: '127.0.0.1', port: api.port });

    // Act
    await connection.send([
      { method: 'POST', path: '/runtime/init/error', body: '{"é":1}', headers: { 'X-Test': 'yes' } },
    ])[0];

    // Assess
    expect(api.received[0]?.headers).toMatchObject({
      host: `127.0.0.1:${api.port}`,
      'x-test': 'yes',
      'content-length': String(Buffer.byteLength('{"é":1}')),
    });
    expect(api.received[0]?.body).toBe('{"é":1}');
  });

  it('reads a response whose body arrives in pieces, with header names in lower case', async () => {
    // Prepare: a raw TCP server, to split the answer where HTTP servers would not
    const server = net.createServer((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r1\r\nContent-Length: 10\r\n\r\nhello');
        setTimeout(() => socket.end('world'), 20);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const connection = new RuntimeApiConnection({ host: '127.0.0.1', port });

    // Act
    const answer = await connection.send([{ method: 'GET', path: NEXT_PATH }])[0];
    server.close();

    // Assess
    expect(answer).toEqual({
      status: 200,
      headers: { 'lambda-runtime-aws-request-id': 'r1', 'content-length': '10' },
      body: 'helloworld',
    });
  });

  it('rejects waiting requests with ERUNTIMEAPICLOSED when the Runtime API closes, and connects again after', async () => {
    // Prepare: the first request is dropped with its connection, later ones are answered
    let first = true;
    api = await startRuntimeApi((_req, res) => {
      if (first) {
        first = false;
        res.socket?.destroy();
      } else answerJson(res, 200, {});
    });
    const connection = new RuntimeApiConnection({ host: '127.0.0.1', port: api.port });

    // Act
    const dropped = connection.send([{ method: 'GET', path: NEXT_PATH }])[0];
    await expect(dropped).rejects.toMatchObject({ code: 'ERUNTIMEAPICLOSED', name: 'RuntimeApiClosedError' });
    const again = await connection.send([{ method: 'GET', path: NEXT_PATH }])[0];

    // Assess
    expect(again?.status).toBe(200);
    expect(api.received).toHaveLength(2);
  });

  it('rejects with the socket error when nothing listens', async () => {
    // Prepare: a port that was free a moment ago
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const connection = new RuntimeApiConnection({ host: '127.0.0.1', port });

    // Act
    const answer = connection.send([{ method: 'GET', path: NEXT_PATH }])[0];

    // Assess
    await expect(answer).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
