import { RuntimeApiConnection } from '../../../local/runtime/bootstrap/connection';
import { INIT_ERROR_PATH } from '../../../local/runtime/bootstrap/paths';
import { RuntimeClient } from '../../../local/runtime/bootstrap/runtime-client';
import { answerJson, startRuntimeApi, type TestRuntimeApi } from './support';

describe('RuntimeClient', () => {
  let api: TestRuntimeApi;

  beforeEach(async () => {
    api = await startRuntimeApi((req, res) => answerJson(res, req.method === 'GET' ? 200 : 202, {}));
  });

  afterEach(() => api.close());

  function client(selfFreeze: boolean): RuntimeClient {
    return new RuntimeClient(new RuntimeApiConnection({ host: '127.0.0.1', port: api.port }), { selfFreeze });
  }

  it('asks for the next event with the self-freeze header only when it freezes itself', async () => {
    // Act
    await client(true).next();
    await client(false).next();

    // Assess
    expect(api.received.map((r) => [r.method, r.url, r.headers['lambda-runtime-local-freeze']])).toEqual([
      ['GET', '/2018-06-01/runtime/invocation/next', 'self'],
      ['GET', '/2018-06-01/runtime/invocation/next', undefined],
    ]);
  });

  it('posts a result as JSON to /response and asks for the next event with it', async () => {
    // Act
    const next = await client(true).respond('r1', null, { ok: 1 });

    // Assess
    expect(next.status).toBe(200);
    expect(api.received.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', '/2018-06-01/runtime/invocation/r1/response', '{"ok":1}'],
      ['GET', '/2018-06-01/runtime/invocation/next', ''],
    ]);
    expect(api.received[0]?.headers['content-type']).toBe('application/json');
    expect(api.received[1]?.headers['lambda-runtime-local-freeze']).toBe('self');
  });

  it('posts an undefined result as null', async () => {
    // Act
    await client(false).respond('r1', undefined, undefined);

    // Assess
    expect(api.received[0]?.body).toBe('null');
  });

  it('posts an error to /error with its type in Lambda-Runtime-Function-Error-Type', async () => {
    // Act
    await client(false).respond('r1', new TypeError('bad input'), undefined);

    // Assess
    const posted = api.received[0];
    expect(posted?.url).toBe('/2018-06-01/runtime/invocation/r1/error');
    expect(posted?.headers['lambda-runtime-function-error-type']).toBe('TypeError');
    expect(JSON.parse(posted?.body ?? '')).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
  });

  it('reports a result that does not serialise as Runtime.MalformedHandlerResponse', async () => {
    // Prepare
    const circular: Record<string, unknown> = {};
    circular.self = circular;

    // Act
    await client(false).respond('r1', null, circular);

    // Assess
    const posted = api.received[0];
    expect(posted?.url).toBe('/2018-06-01/runtime/invocation/r1/error');
    expect(posted?.headers['lambda-runtime-function-error-type']).toBe('Runtime.MalformedHandlerResponse');
    expect(JSON.parse(posted?.body ?? '')).toMatchObject({
      errorType: 'Runtime.MalformedHandlerResponse',
      errorMessage: expect.stringContaining('circular'),
    });
  });

  it('reports an init error to the path given and waits for the answer', async () => {
    // Act
    await client(false).reportError(INIT_ERROR_PATH, new Error('boom'), 'Runtime.Custom');

    // Assess
    expect(api.received).toHaveLength(1);
    expect(api.received[0]?.url).toBe('/2018-06-01/runtime/init/error');
    expect(JSON.parse(api.received[0]?.body ?? '')).toMatchObject({
      errorType: 'Runtime.Custom',
      errorMessage: 'boom',
    });
  });
});
