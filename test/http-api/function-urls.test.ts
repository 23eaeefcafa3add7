import { urlInvokeThroughRuntime } from '../../local/dev-stack/function-url-invoke';
import { functionUrlHandler, type RunningHttpApi, startHttpApi } from '../../local/http-api';
import type { LocalLambda } from '../../local/runtime';
import { functionUrlsFromStack } from '../../local/stack';
import { fixture, startRuntime } from '../runtime/support';

const cors = {
  allowCredentials: false,
  allowHeaders: ['content-type'],
  allowMethods: ['GET', 'POST'],
  allowOrigins: ['http://localhost:5173'],
  exposeHeaders: ['x-trace'],
  maxAge: 300,
};

describe('function URLs on the HTTP API port', () => {
  let rt: LocalLambda;
  let api: RunningHttpApi;
  beforeAll(async () => {
    rt = await startRuntime([fixture('stream'), fixture('echo')]);
    api = await startHttpApi({
      port: 0,
      routes: [],
      invoke: async () => ({ statusCode: 500, payload: '' }),
      functionUrls: functionUrlHandler({
        urls: [
          { name: 'stream', functionName: 'stream', invokeMode: 'RESPONSE_STREAM', cors: undefined },
          { name: 'echo', functionName: 'echo', invokeMode: 'BUFFERED', cors },
        ],
        invoke: urlInvokeThroughRuntime(rt),
        accountId: '000000000000',
        region: 'us-east-1',
        log: () => undefined,
      }),
    });
    // Warm, so the measured request has no INIT in it.
    await rt.invoke('stream', { pauseMs: 1 });
  });
  afterAll(async () => {
    await api.stop();
    await rt.stop();
  });

  it('streams a RESPONSE_STREAM URL to fetch: the first chunk arrives before the handler ends', async () => {
    // Act
    const res = await fetch(`${api.url}/_url/stream/`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    const firstAt = Date.now();
    let text = Buffer.from(first.value ?? []).toString();
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += Buffer.from(r.value).toString();
    const doneAt = Date.now();
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(Buffer.from(first.value ?? []).toString()).toBe('first chunk\n');
    expect(text).toBe('first chunk\nsecond chunk\n');
    expect(doneAt - firstAt).toBeGreaterThanOrEqual(400);
  });

  it('takes status, headers and cookies from the HttpResponseStream prelude', async () => {
    // Act
    const prelude = { statusCode: 201, headers: { 'x-kind': 'prelude' }, cookies: ['a=1'] };
    const res = await fetch(`${api.url}/_url/stream/?p=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prelude, pauseMs: 1 }),
    });
    // Assess
    expect(res.status).toBe(201);
    expect(res.headers.get('x-kind')).toBe('prelude');
    expect(res.headers.get('set-cookie')).toBe('a=1');
    expect(await res.text()).toBe('first chunk\nsecond chunk\n');
  });

  it('builds the payload 2.0 event as Lambda does for URLs', async () => {
    // Act
    const res = await fetch(`${api.url}/_url/echo/items/7?x=1`);
    const body = (await res.json()) as { event: Record<string, any> };
    // Assess
    const e = body.event;
    expect(e.version).toBe('2.0');
    expect(e.routeKey).toBe('$default');
    expect(e.rawPath).toBe('/items/7');
    expect(e.rawQueryString).toBe('x=1');
    expect(e.requestContext.routeKey).toBe('$default');
    expect(e.requestContext.domainName).toMatch(/^[a-f0-9]{32}\.lambda-url\.us-east-1\.on\.aws$/);
    expect(e.requestContext.domainPrefix).toBe(e.requestContext.apiId);
    expect(e.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.stageVariables).toBeUndefined();
    expect(e.pathParameters).toBeUndefined();
  });

  it('answers a CORS preflight itself and adds the CORS headers to responses', async () => {
    // Act
    const preflight = await fetch(`${api.url}/_url/echo/`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    const refused = await fetch(`${api.url}/_url/echo/`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    const get = await fetch(`${api.url}/_url/echo/`, { headers: { origin: 'http://localhost:5173' } });
    // Assess
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(preflight.headers.get('access-control-max-age')).toBe('300');
    expect(await preflight.text()).toBe('');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(get.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(get.headers.get('access-control-expose-headers')).toBe('x-trace');
  });
});

describe('function URLs of a stack', () => {
  it('reads aws_lambda_function_url with its invoke mode and cors block', () => {
    // Prepare
    const stack = {
      resource: {
        aws_lambda_function_url: {
          live: {
            function_name: '${aws_lambda_function.history.function_name}',
            authorization_type: 'NONE',
            invoke_mode: 'RESPONSE_STREAM',
            cors: { allow_origins: ['*'], allow_methods: ['GET'], max_age: 60 },
          },
        },
      },
    };
    // Act
    const urls = functionUrlsFromStack(stack, {
      functionName: (id) => (id === 'history' ? 'lab-dev-history' : undefined),
    });
    // Assess
    expect(urls).toEqual([
      {
        resourceId: 'live',
        functionResourceId: 'history',
        functionName: 'lab-dev-history',
        authorizationType: 'NONE',
        invokeMode: 'RESPONSE_STREAM',
        cors: {
          allowCredentials: false,
          allowHeaders: [],
          allowMethods: ['GET'],
          allowOrigins: ['*'],
          exposeHeaders: [],
          maxAge: 60,
        },
      },
    ]);
  });

  it('refuses an invoke mode Terraform would refuse, naming the resource', () => {
    // Prepare
    const stack = {
      resource: {
        aws_lambda_function_url: { bad: { function_name: 'f', authorization_type: 'NONE', invoke_mode: 'STREAM' } },
      },
    };
    // Act / Assess
    expect(() => functionUrlsFromStack(stack)).toThrow(/aws_lambda_function_url\.bad\.invoke_mode/);
  });
});
