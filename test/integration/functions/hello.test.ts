import { body, captureStdout, httpEvent, lambdaContext, loadFunction } from './support/environment';

describe('hello function', () => {
  it('echoes the event and reports a cold start only on the first invocation of its environment', async () => {
    // Prepare
    const env = loadFunction('functions/hello/handler', []);
    const event = httpEvent('GET', '/hello', { name: 'x' });
    // Act
    const first = await env.handler(event, lambdaContext());
    const second = await env.handler(event, lambdaContext());
    // Assess
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/json');
    const a = body(first);
    const b = body(second);
    expect(a).toMatchObject({ message: expect.any(String), invocation: 1, coldStart: true, input: event });
    expect(b).toMatchObject({ invocation: 2, coldStart: false, instanceId: a.instanceId });
    expect(b.instanceAgeMs).toEqual(expect.any(Number));
  });

  it('gives a new environment a new instanceId and a new cold start', async () => {
    // Prepare
    const one = loadFunction('functions/hello/handler', []);
    const two = loadFunction('functions/hello/handler', []);
    // Act
    const a = body(await one.handler(httpEvent('GET', '/hello'), lambdaContext()));
    const b = body(await two.handler(httpEvent('GET', '/hello'), lambdaContext()));
    // Assess
    expect(b.instanceId).not.toBe(a.instanceId);
    expect(b.coldStart).toBe(true);
  });

  it('logs JSON lines carrying requestId, instanceId, coldStart and the invocation trace id', async () => {
    // Prepare
    const env = loadFunction('functions/hello/handler', []);
    const context = lambdaContext();
    process.env._X_AMZN_TRACE_ID = 'Root=1-67891233-abcdef012345678912345678';
    try {
      // Act
      const { result, lines } = await captureStdout(() => env.handler(httpEvent('GET', '/hello'), context));
      // Assess
      const record = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
      expect(record).toMatchObject({
        level: 'info',
        requestId: context.awsRequestId,
        instanceId: body(result).instanceId,
        coldStart: true,
        traceId: 'Root=1-67891233-abcdef012345678912345678',
        timestamp: expect.any(String),
      });
    } finally {
      delete process.env._X_AMZN_TRACE_ID;
    }
  });
});
