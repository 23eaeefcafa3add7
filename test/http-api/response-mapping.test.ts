import { randomBytes } from 'node:crypto';
import { type InvokeResult, type RunningHttpApi, startHttpApi } from '../../local/http-api/index';
import { invokerDouble, returned, send } from './support';

describe('local HTTP API response mapping (payload format 2.0)', () => {
  let api: RunningHttpApi;
  let answer: InvokeResult | (() => Promise<InvokeResult>) = returned({});
  const logLines: string[] = [];
  const double = invokerDouble(() => (typeof answer === 'function' ? answer() : answer));
  beforeAll(async () => {
    api = await startHttpApi({
      port: 0,
      routes: [{ routeKey: 'ANY /fn', functionName: 'fn' }],
      invoke: double.invoke,
      integrationTimeoutMs: 300,
      log: (line) => logLines.push(line),
    });
  });
  afterAll(() => api.stop());

  const call = async (result: InvokeResult) => {
    answer = result;
    return send(api.url, { path: '/fn' });
  };

  it('answers a bare object with 200, application/json and the object as the body', async () => {
    // Act
    const res = await call(returned({ message: 'hi', n: 1 }));
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body.toString())).toEqual({ message: 'hi', n: 1 });
  });

  it('answers a bare string with 200, application/json and the string’s text as the body', async () => {
    // Act
    const res = await call(returned('Hello from Lambda!'));
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body.toString()).toBe('Hello from Lambda!');
  });

  it('applies statusCode, headers and body of a structured response', async () => {
    // Act
    const res = await call(
      returned({ statusCode: 201, headers: { 'Content-Type': 'text/plain', 'X-Count': 3 }, body: 'created' }),
    );
    // Assess
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['x-count']).toBe('3');
    expect(res.body.toString()).toBe('created');
    expect(res.headers['apigw-requestid']).toEqual(expect.any(String));
  });

  it('turns each entry of cookies into its own Set-Cookie header', async () => {
    // Act
    const res = await call(returned({ statusCode: 200, cookies: ['a=1; Path=/', 'b=2; HttpOnly'], body: '' }));
    // Assess
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
  });

  it('decodes a base64 body when isBase64Encoded is true, byte for byte', async () => {
    // Prepare
    const bytes = Buffer.concat([Buffer.from([0, 255, 137, 80, 78, 71]), randomBytes(2048)]);
    // Act
    const res = await call(
      returned({
        statusCode: 200,
        headers: { 'content-type': 'image/png' },
        body: bytes.toString('base64'),
        isBase64Encoded: true,
      }),
    );
    // Assess
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.body.equals(bytes)).toBe(true);
  });

  it.each([
    [
      'a function error',
      {
        statusCode: 200,
        payload: '{"errorType":"Error","errorMessage":"boom"}',
        functionError: 'Unhandled',
        errorType: 'Error',
      },
    ],
    [
      'a throttled invoke (Lambda 429 TooManyRequestsException)',
      { statusCode: 429, payload: '{"Type":"User","message":"Rate Exceeded."}' },
    ],
    [
      'an unknown function (Lambda 404)',
      { statusCode: 404, payload: '{"Type":"User","message":"Function not found"}' },
    ],
    ['a payload that is not JSON', { statusCode: 200, payload: 'not json' }],
    ['a statusCode that is not an integer', returned({ statusCode: '200', body: 'x' })],
    ['a body that is not a string', returned({ statusCode: 200, body: { a: 1 } })],
    ['header values that are objects', returned({ statusCode: 200, headers: { a: { b: 1 } }, body: '' })],
    ['cookies that are not strings', returned({ statusCode: 200, cookies: [1], body: '' })],
  ])('answers %s with 500 {"message":"Internal Server Error"}', async (_what, result) => {
    // Act
    const res = await call(result as InvokeResult);
    // Assess
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body.toString())).toEqual({ message: 'Internal Server Error' });
  });

  it('logs why a throttled invoke became a 500', async () => {
    // Prepare
    logLines.length = 0;
    // Act
    await call({ statusCode: 429, payload: '{}' });
    // Assess
    expect(logLines).toEqual(['HTTP GET /fn ANY /fn fn 500 throttled']);
  });

  it('answers 500 when the invoke itself fails (the runtime is unreachable)', async () => {
    // Prepare
    answer = () => Promise.reject(new Error('ECONNREFUSED'));
    // Act
    const res = await send(api.url, { path: '/fn' });
    // Assess
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body.toString())).toEqual({ message: 'Internal Server Error' });
  });

  it('answers 503 {"message":"Service Unavailable"} when the integration outlives its timeout', async () => {
    // Prepare
    let release: () => void = () => {};
    answer = () =>
      new Promise<InvokeResult>((resolve) => {
        release = () => resolve(returned('late'));
      });
    // Act
    const res = await send(api.url, { path: '/fn' });
    release();
    // Assess
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body.toString())).toEqual({ message: 'Service Unavailable' });
  });

  it('answers 413 to a body over 10 MB without invoking the function', async () => {
    // Prepare
    answer = returned('should not run');
    const callsBefore = double.calls.length;
    // Act
    const res = await send(api.url, { method: 'POST', path: '/fn', body: Buffer.alloc(10 * 1024 * 1024 + 1, 1) });
    // Assess
    expect(res.status).toBe(413);
    expect(res.body.toString()).toBe('HTTP content length exceeded 10485760 bytes.');
    expect(double.calls.length).toBe(callsBefore);
  });

  it('accepts a body of exactly 10 MB', async () => {
    // Prepare
    answer = returned({ statusCode: 200, body: 'ok' });
    // Act
    const res = await send(api.url, { method: 'POST', path: '/fn', body: Buffer.alloc(10 * 1024 * 1024, 1) });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('ok');
  });
});
