import { randomBytes } from 'node:crypto';
import { formatRequestTime, type RunningHttpApi, startHttpApi } from '../../local/http-api/index';
import { invokerDouble, returned, send } from './support';

describe('local HTTP API payload format 2.0 event', () => {
  let api: RunningHttpApi;
  const double = invokerDouble(() => returned({ statusCode: 204 }));
  beforeAll(async () => {
    api = await startHttpApi({
      port: 0,
      accountId: '123456789012',
      apiId: 'abc123',
      stageVariables: { color: 'blue' },
      routes: [
        { routeKey: 'ANY /echo', functionName: 'echo' },
        { routeKey: 'GET /items/{id}', functionName: 'items' },
      ],
      invoke: double.invoke,
    });
  });
  afterAll(() => api.stop());
  beforeEach(() => {
    double.calls.length = 0;
  });

  const lastEvent = () => {
    const call = double.calls.at(-1);
    if (!call) throw new Error('the function was not invoked');
    return call.event as Record<string, any>;
  };

  it('carries version, routeKey, rawPath, rawQueryString and the requestContext fields', async () => {
    // Act
    const before = Date.now();
    const res = await send(api.url, { path: '/items/42?b=2&a=1', headers: { 'user-agent': 'jest-agent/1.0' } });
    const event = lastEvent();
    // Assess
    expect(double.calls[0]?.functionName).toBe('items');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      rawPath: '/items/42',
      rawQueryString: 'b=2&a=1',
      pathParameters: { id: '42' },
      stageVariables: { color: 'blue' },
      isBase64Encoded: false,
    });
    const ctx = event.requestContext;
    expect(ctx).toMatchObject({
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: '127.0.0.1',
      domainPrefix: '127',
      http: {
        method: 'GET',
        path: '/items/42',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'jest-agent/1.0',
      },
      routeKey: 'GET /items/{id}',
      stage: '$default',
    });
    expect(ctx.time).toMatch(
      /^\d{2}\/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/,
    );
    expect(ctx.timeEpoch).toBeGreaterThanOrEqual(before);
    expect(ctx.timeEpoch).toBeLessThanOrEqual(Date.now());
    expect(ctx.requestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(res.headers['apigw-requestid']).toBe(ctx.requestId);
  });

  it('writes requestContext.time in the CLF form for a known instant', () => {
    // Act
    const text = formatRequestTime(new Date(Date.UTC(2020, 2, 12, 19, 3, 58)));
    // Assess
    expect(text).toBe('12/Mar/2020:19:03:58 +0000');
  });

  it('lower-cases header names and joins repeated headers with commas', async () => {
    // Act
    await send(api.url, { path: '/echo', headers: { 'X-Multi': ['one', 'two'], 'X-Single': 'Value' } });
    const event = lastEvent();
    // Assess
    expect(event.headers['x-multi']).toBe('one,two');
    expect(event.headers['x-single']).toBe('Value');
    expect(Object.keys(event.headers).every((k: string) => k === k.toLowerCase())).toBe(true);
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('moves cookies out of headers into cookies[], one entry per cookie', async () => {
    // Act
    await send(api.url, { path: '/echo', headers: { Cookie: ['a=1; b=2', 'c=3'] } });
    const event = lastEvent();
    // Assess
    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(event.headers.cookie).toBeUndefined();
  });

  it('decodes query parameters and joins repeats with commas, keeping rawQueryString as sent', async () => {
    // Act
    await send(api.url, { path: '/echo?tag=a&tag=b&q=hello%20world&empty&plus=1+2' });
    const event = lastEvent();
    // Assess
    expect(event.rawQueryString).toBe('tag=a&tag=b&q=hello%20world&empty&plus=1+2');
    expect(event.queryStringParameters).toEqual({ tag: 'a,b', q: 'hello world', empty: '', plus: '1 2' });
  });

  it('leaves out cookies, queryStringParameters, pathParameters and body when the request has none', async () => {
    // Act
    await send(api.url, { path: '/echo' });
    const event = lastEvent();
    // Assess
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('body');
    expect(event.isBase64Encoded).toBe(false);
  });

  it.each([['application/json'], ['text/plain; charset=utf-8'], ['application/problem+json'], ['application/xml']])(
    'passes a %s body as text',
    async (contentType) => {
      // Act
      await send(api.url, { method: 'POST', path: '/echo', headers: { 'content-type': contentType }, body: '{"ü":1}' });
      const event = lastEvent();
      // Assess
      expect(event.isBase64Encoded).toBe(false);
      expect(event.body).toBe('{"ü":1}');
    },
  );

  it.each([['application/octet-stream'], ['image/png'], ['application/x-www-form-urlencoded'], [undefined]])(
    'passes a %s body base64-encoded, and its bytes round-trip',
    async (contentType) => {
      // Prepare
      const bytes = Buffer.concat([Buffer.from([0, 255, 254, 1, 128]), randomBytes(4096)]);
      // Act
      await send(api.url, {
        method: 'PUT',
        path: '/echo',
        headers: contentType ? { 'content-type': contentType } : {},
        body: bytes,
      });
      const event = lastEvent();
      // Assess
      expect(event.isBase64Encoded).toBe(true);
      expect(Buffer.from(event.body as string, 'base64').equals(bytes)).toBe(true);
    },
  );
});
