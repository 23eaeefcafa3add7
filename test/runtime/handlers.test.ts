import type { LocalLambda } from '../../local/runtime';
import { fixture, json, startRuntime } from './support';

describe('handler styles and the context', () => {
  let rt: LocalLambda;
  beforeAll(async () => {
    rt = await startRuntime([
      fixture('callback', { name: 'callback24' }),
      fixture('callback', { name: 'callback22', runtime: 'nodejs22.x' }),
      fixture('esm'),
      fixture('echo', { environment: { CUSTOM: 'mine' }, memorySize: 256 }),
    ]);
  });
  afterAll(() => rt.stop());

  it('rejects a callback-style handler on nodejs24.x with Runtime.CallbackHandlerDeprecated', async () => {
    // Act
    const result = await rt.invoke('callback24', {});
    // Assess
    expect(result.functionError).toBe('Unhandled');
    const body = json(result.payload);
    expect(body.errorType).toBe('Runtime.CallbackHandlerDeprecated');
    expect(body.errorMessage).toBe(
      'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. ' +
        'You need to modify this function to use a supported handler signature to use Node.js 24 or later. ' +
        'For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.',
    );
  });

  it('accepts a callback-style handler on nodejs22.x', async () => {
    // Act
    const result = await rt.invoke('callback22', {});
    // Assess
    expect(result.functionError).toBeUndefined();
    expect(json(result.payload)).toEqual({ style: 'callback', waits: true });
  });

  it('runs an ES module handler that uses top-level await during INIT', async () => {
    // Act
    const result = await rt.invoke('esm', {});
    // Assess
    expect(json(result.payload)).toMatchObject({ module: 'esm', topLevelAwait: true });
  });

  it("gives the handler every context field and Lambda's environment variables", async () => {
    // Act
    const result = await rt.invoke('echo', { hello: 'world' });
    // Assess
    const body = json(result.payload);
    const context = body.context as Record<string, unknown>;
    expect(context).toMatchObject({
      awsRequestId: result.requestId,
      functionName: 'echo',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:echo',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/echo',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(context.remaining).toBeGreaterThan(3000);
    expect(body.env).toEqual({
      AWS_LAMBDA_FUNCTION_NAME: 'echo',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      TZ: ':UTC',
      CUSTOM: 'mine',
    });
    expect(body.traceId).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    expect(String(body.node).split('.')[0]).toBe('24');
  });
});
