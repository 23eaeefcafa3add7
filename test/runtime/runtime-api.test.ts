import * as http from 'node:http';
import { type HeldNext, type RuntimeApiHandler, startRuntimeApiServer } from '../../local/runtime/runtime-api-server';

function recorder(): RuntimeApiHandler & { responses: Array<[string, string]>; held: HeldNext[] } {
  const responses: Array<[string, string]> = [];
  const held: HeldNext[] = [];
  return {
    responses,
    held,
    next: (h) => held.push(h),
    response: (id, body) => {
      responses.push([id, body.toString()]);
      return id === 'known';
    },
    error: () => true,
    initError: () => undefined,
  };
}

function send(
  address: string,
  method: string,
  path: string,
  body: string[],
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host, port: Number(port), method, path: `/2018-06-01${path}`, headers, agent: false },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    for (const part of body) req.write(part);
    req.end();
  });
}

describe('Runtime API server', () => {
  it('accepts a chunked response body sent after Expect: 100-continue, as curl-based runtime clients do', async () => {
    // Prepare
    const handler = recorder();
    const api = await startRuntimeApiServer(handler);
    try {
      // Act
      const res = await send(api.address, 'POST', '/runtime/invocation/known/response', ['{"a":', '1}'], {
        expect: '100-continue',
        'transfer-encoding': 'chunked',
      });
      // Assess
      expect(res).toEqual({ status: 202, body: '{"status":"OK"}' });
      expect(handler.responses).toEqual([['known', '{"a":1}']]);
    } finally {
      api.close();
    }
  });

  it('answers 400 for an unknown request id and 404 for an unknown path', async () => {
    // Prepare
    const handler = recorder();
    const api = await startRuntimeApiServer(handler);
    try {
      // Act
      const unknownId = await send(api.address, 'POST', '/runtime/invocation/other/response', ['{}'], {
        'content-length': '2',
      });
      const unknownPath = await send(api.address, 'GET', '/runtime/nowhere', []);
      // Assess
      expect(unknownId.status).toBe(400);
      expect(JSON.parse(unknownId.body)).toMatchObject({ errorType: 'InvalidRequestID' });
      expect(unknownPath.status).toBe(404);
    } finally {
      api.close();
    }
  });

  it('holds GET /next until an event is written, with the Lambda-Runtime headers', async () => {
    // Prepare
    const handler = recorder();
    const api = await startRuntimeApiServer(handler);
    try {
      const pending = new Promise<http.IncomingMessage & { text?: string }>((resolve, reject) => {
        const [host, port] = api.address.split(':');
        http
          .get({ host, port: Number(port), path: '/2018-06-01/runtime/invocation/next', agent: false }, (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve(Object.assign(res, { text })));
          })
          .on('error', reject);
      });
      for (let i = 0; i < 100 && handler.held.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
      // Act
      (handler.held[0] as HeldNext).writeEvent(
        { 'Content-Length': 7, 'Lambda-Runtime-Aws-Request-Id': 'r1' },
        Buffer.from('{"e":1}'),
      );
      const res = await pending;
      // Assess
      expect(res.statusCode).toBe(200);
      expect(res.headers['lambda-runtime-aws-request-id']).toBe('r1');
      expect(res.text).toBe('{"e":1}');
    } finally {
      api.close();
    }
  });
});
