import {
  DeleteFunctionConcurrencyCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  PutFunctionConcurrencyCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import type { LocalLambdaService } from '../../local/lambda-service';
import { fixture, serveRuntime } from './support';

describe('Invoke API with the real LambdaClient', () => {
  let rt: LocalLambdaService;
  let client: LambdaClient;
  beforeAll(async () => {
    rt = await serveRuntime([fixture('echo'), fixture('echo', { name: 'limited' })]);
    client = new LambdaClient({
      endpoint: rt.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    client.destroy();
    await rt.stop();
  });

  it('round-trips invoke with a log tail, by name and by ARN', async () => {
    // Act
    const byName = await client.send(
      new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"a":1}'), LogType: 'Tail' }),
    );
    const byArn = await client.send(
      new InvokeCommand({
        FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:echo',
        Payload: Buffer.from('{}'),
      }),
    );
    // Assess
    expect(byName.StatusCode).toBe(200);
    expect(byName.ExecutedVersion).toBe('$LATEST');
    expect(JSON.parse(Buffer.from(byName.Payload ?? []).toString()).event).toEqual({ a: 1 });
    expect(Buffer.from(byName.LogResult ?? '', 'base64').toString()).toMatch(/^START RequestId: /);
    expect(byArn.StatusCode).toBe(200);
  });

  it('reports a function error with FunctionError Unhandled', async () => {
    // Act
    const out = await client.send(
      new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"throw":"nope"}') }),
    );
    // Assess
    expect(out.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(out.Payload ?? []).toString())).toMatchObject({ errorType: 'TypeError' });
  });

  it('answers Event with 202 and DryRun with 204', async () => {
    // Act
    const event = await client.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: Buffer.from('{}') }),
    );
    const dry = await client.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }));
    // Assess
    expect(event.StatusCode).toBe(202);
    expect(dry.StatusCode).toBe(204);
  });

  it('serves GetFunction, ListFunctions and UpdateFunctionConfiguration until the update is Successful', async () => {
    // Act
    const got = await client.send(new GetFunctionCommand({ FunctionName: 'echo' }));
    const list = await client.send(new ListFunctionsCommand({}));
    const updated = await client.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'echo', Environment: { Variables: { CUSTOM: 'x' } } }),
    );
    const waited = await waitUntilFunctionUpdatedV2(
      { client, maxWaitTime: 20, minDelay: 1, maxDelay: 1 },
      { FunctionName: 'echo' },
    );
    const after = await client.send(new GetFunctionCommand({ FunctionName: 'echo' }));
    // Assess
    expect(got.Configuration).toMatchObject({
      FunctionName: 'echo',
      Runtime: 'nodejs24.x',
      State: 'Active',
      MemorySize: 128,
    });
    expect(list.Functions?.map((f) => f.FunctionName).sort()).toEqual(['echo', 'limited']);
    expect(updated.LastUpdateStatus).toBe('InProgress');
    expect(waited.state).toBe('SUCCESS');
    expect(after.Configuration?.Environment?.Variables).toEqual({ CUSTOM: 'x' });
  });

  it('applies PutFunctionConcurrency: zero throttles with TooManyRequestsException, delete lifts it', async () => {
    // Act
    const put = await client.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'limited', ReservedConcurrentExecutions: 0 }),
    );
    const err = await client.send(new InvokeCommand({ FunctionName: 'limited' })).catch((e: unknown) => e);
    await client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'limited' }));
    const ok = await client.send(new InvokeCommand({ FunctionName: 'limited' }));
    // Assess
    expect(put.ReservedConcurrentExecutions).toBe(0);
    expect(err).toBeInstanceOf(TooManyRequestsException);
    expect((err as TooManyRequestsException).Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect(ok.StatusCode).toBe(200);
  });

  it('throws ResourceNotFoundException for an unknown function', async () => {
    // Act
    const err = await client.send(new InvokeCommand({ FunctionName: 'nope' })).catch((e: unknown) => e);
    // Assess
    expect(err).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('Invoke API bad input', () => {
  let rt: LocalLambdaService;
  beforeAll(async () => {
    rt = await serveRuntime([fixture('echo')]);
  });
  afterAll(() => rt.stop());

  async function call(
    method: string,
    path: string,
    body?: string | Buffer,
  ): Promise<{ status: number; type: string | null; body: Record<string, unknown> }> {
    // A JSON body, typed as the SDK types it (a text/plain one is refused as a cross-site request).
    const headers = { 'content-type': 'application/json' };
    const res = await fetch(rt.url + path, { method, ...(body !== undefined ? { body, headers } : {}) });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('x-amzn-errortype'),
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }

  it('answers 404 ResourceNotFoundException for an unknown function', async () => {
    const r = await call('POST', '/2015-03-31/functions/ghost/invocations', '{}');
    expect(r).toMatchObject({
      status: 404,
      type: 'ResourceNotFoundException',
      body: { __type: 'ResourceNotFoundException' },
    });
    expect(r.body.message).toContain('Function not found');
  });

  it('answers 400 InvalidRequestContentException for a payload that is not JSON', async () => {
    const r = await call('POST', '/2015-03-31/functions/echo/invocations', 'not json');
    expect(r).toMatchObject({ status: 400, type: 'InvalidRequestContentException' });
    expect(r.body.message).toMatch(/^Could not parse request body into json/);
  });

  it('answers 413 RequestTooLargeException for a payload over 6 MB', async () => {
    const big = Buffer.from(JSON.stringify({ pad: 'x'.repeat(6 * 1024 * 1024) }));
    const r = await call('POST', '/2015-03-31/functions/echo/invocations', big);
    expect(r).toMatchObject({ status: 413, type: 'RequestTooLargeException' });
  });

  it('answers 413 RequestTooLargeException for a control call body over 6 MB, too', async () => {
    const big = Buffer.from(JSON.stringify({ Description: 'x'.repeat(6 * 1024 * 1024) }));
    const r = await call('PUT', '/2015-03-31/functions/echo/configuration', big);
    expect(r).toMatchObject({ status: 413, type: 'RequestTooLargeException' });
  });

  it('answers 404 for an unknown path and 405 for a wrong method, and keeps serving', async () => {
    const unknown = await call('GET', '/nowhere');
    const wrong = await call('GET', '/2015-03-31/functions/echo/invocations');
    const ok = await call('POST', '/2015-03-31/functions/echo/invocations', '{}');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toBe('UnknownOperationException');
    expect(wrong.status).toBe(405);
    expect(ok.status).toBe(200);
  });

  it('lists environments at /_local/environments', async () => {
    await call('POST', '/2015-03-31/functions/echo/invocations', '{}');
    const res = await fetch(`${rt.url}/_local/environments`);
    const list = (await res.json()) as Array<Record<string, unknown>>;
    expect(list.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(list[0] ?? {})).toEqual(
      expect.arrayContaining([
        'id',
        'function',
        'state',
        'invocations',
        'createdAt',
        'lastUsedAt',
        'peakMemoryMb',
        'pid',
        'logStream',
      ]),
    );
  });
});
