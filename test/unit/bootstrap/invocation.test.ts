import { toInvocation } from '../../../local/runtime/bootstrap/invocation';

describe('toInvocation', () => {
  it('reads the request id, deadline, ARN, trace, client context, identity and event from GET /next', () => {
    // Act
    const inv = toInvocation({
      status: 200,
      headers: {
        'lambda-runtime-aws-request-id': 'req-1',
        'lambda-runtime-deadline-ms': '1700000003000',
        'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:eu-west-1:000000000000:function:echo',
        'lambda-runtime-trace-id': 'Root=1-abc',
        'lambda-runtime-client-context': '{"c":1}',
        'lambda-runtime-cognito-identity': '{"i":1}',
      },
      body: '{"hello":"world"}',
    });

    // Assess
    expect(inv).toEqual({
      requestId: 'req-1',
      deadlineMs: 1700000003000,
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:echo',
      traceId: 'Root=1-abc',
      clientContext: '{"c":1}',
      cognitoIdentity: '{"i":1}',
      event: { hello: 'world' },
    });
  });

  it('takes an empty body as the event {} and a missing deadline as three seconds from now', () => {
    // Prepare
    const before = Date.now();

    // Act
    const inv = toInvocation({ status: 200, headers: {}, body: '' });

    // Assess
    expect(inv.event).toEqual({});
    expect(inv.deadlineMs).toBeGreaterThanOrEqual(before + 3000);
    expect(inv.deadlineMs).toBeLessThanOrEqual(Date.now() + 3000);
    expect(inv.traceId).toBeUndefined();
  });

  it('refuses an answer other than 200 with ERUNTIMEAPISTATUS', () => {
    // Act
    const read = () => toInvocation({ status: 500, headers: {}, body: 'down' });

    // Assess
    expect(read).toThrow(
      expect.objectContaining({
        code: 'ERUNTIMEAPISTATUS',
        message: 'GET /runtime/invocation/next answered 500: down',
      }),
    );
  });
});
