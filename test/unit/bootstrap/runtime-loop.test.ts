import { RuntimeApiConnection } from '../../../local/runtime/bootstrap/connection';
import { RuntimeClient } from '../../../local/runtime/bootstrap/runtime-client';
import { type InvocationState, runLoop } from '../../../local/runtime/bootstrap/runtime-loop';
import { answerJson, startRuntimeApi, type TestRuntimeApi } from './support';

describe('runLoop', () => {
  let api: TestRuntimeApi;
  let events: Array<{ id: string; trace?: string; body: unknown }>;

  beforeEach(async () => {
    // The Runtime API hands out the queued events, then holds GET /next as Lambda does when idle
    events = [];
    api = await startRuntimeApi((req, res) => {
      if (req.method !== 'GET') return answerJson(res, 202, { status: 'OK' });
      const event = events.shift();
      if (!event) return;
      answerJson(res, 200, event.body, {
        'Lambda-Runtime-Aws-Request-Id': event.id,
        'Lambda-Runtime-Deadline-Ms': String(Date.now() + 10_000),
        ...(event.trace ? { 'Lambda-Runtime-Trace-Id': event.trace } : {}),
      });
    });
  });

  afterEach(() => api.close());

  it('runs each event through the handler, posting each outcome with the next GET /next, and tracks the request', async () => {
    // Prepare
    events.push({ id: 'r1', trace: 'Root=1-a', body: { n: 1 } }, { id: 'r2', body: { n: 2 } });
    const env: NodeJS.ProcessEnv = {};
    const state: InvocationState = { requestId: undefined, pendingRequestId: undefined };
    const seen: unknown[] = [];
    const client = new RuntimeClient(new RuntimeApiConnection({ host: '127.0.0.1', port: api.port }), {
      selfFreeze: false,
    });
    const handler = async (event: unknown, context: unknown) => {
      seen.push([env._X_AMZN_TRACE_ID, state.pendingRequestId, (context as { awsRequestId: string }).awsRequestId]);
      return { got: (event as { n: number }).n };
    };

    // Act
    const loop = runLoop(handler, {
      client,
      state,
      invoke: {
        env,
        callbacksAllowed: false,
        respond: (id, err, result) => client.respond(id, err, result),
        waitForEmptyLoop: () => undefined,
        onRuntimeApiLost: () => undefined,
      },
    });
    loop.catch(() => undefined);
    await api.waitForRequests(5);

    // Assess
    expect(
      api.received.map((r) => `${r.method} ${r.url.replace('/2018-06-01/runtime/invocation', '')} ${r.body}`),
    ).toEqual(['GET /next ', 'POST /r1/response {"got":1}', 'GET /next ', 'POST /r2/response {"got":2}', 'GET /next ']);
    expect(seen).toEqual([
      ['Root=1-a', 'r1', 'r1'],
      [undefined, 'r2', 'r2'],
    ]);
    expect(state).toEqual({ requestId: 'r2', pendingRequestId: undefined });
  });

  it('rejects when the Runtime API answers GET /next with an error status', async () => {
    // Prepare
    await api.close();
    api = await startRuntimeApi((_req, res) => answerJson(res, 500, { message: 'down' }));
    const client = new RuntimeClient(new RuntimeApiConnection({ host: '127.0.0.1', port: api.port }), {
      selfFreeze: false,
    });

    // Act
    const loop = runLoop(async () => 'never', {
      client,
      state: { requestId: undefined, pendingRequestId: undefined },
      invoke: {
        env: {},
        callbacksAllowed: false,
        respond: (id, err, result) => client.respond(id, err, result),
        waitForEmptyLoop: () => undefined,
        onRuntimeApiLost: () => undefined,
      },
    });

    // Assess
    await expect(loop).rejects.toMatchObject({ code: 'ERUNTIMEAPISTATUS' });
  });
});
