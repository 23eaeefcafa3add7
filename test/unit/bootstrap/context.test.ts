import { createContext, parseJsonHeader, setTraceId } from '../../../local/runtime/bootstrap/context';
import type { Invocation } from '../../../local/runtime/bootstrap/invocation';

function invocation(overrides: Partial<Invocation> = {}): Invocation {
  return {
    requestId: 'req-1',
    deadlineMs: Date.now() + 10_000,
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:echo',
    traceId: undefined,
    clientContext: undefined,
    cognitoIdentity: undefined,
    event: {},
    ...overrides,
  };
}

const env = {
  AWS_LAMBDA_FUNCTION_NAME: 'echo',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
  AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/echo',
  AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]abc',
};

describe('createContext', () => {
  it("holds the invocation's and the function's fields Lambda documents", () => {
    // Act
    const context = createContext(invocation(), { env, callbacksAllowed: false }, () => undefined);

    // Assess
    expect(context).toMatchObject({
      callbackWaitsForEmptyEventLoop: true,
      functionName: 'echo',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:echo',
      memoryLimitInMB: '128',
      awsRequestId: 'req-1',
      logGroupName: '/aws/lambda/echo',
      logStreamName: '2026/01/01/[$LATEST]abc',
      identity: undefined,
      clientContext: undefined,
    });
  });

  it('counts the remaining time down to the deadline, and never below 0', async () => {
    // Prepare
    const live = createContext(
      invocation({ deadlineMs: Date.now() + 5_000 }),
      { env, callbacksAllowed: false },
      () => 0,
    );
    const past = createContext(
      invocation({ deadlineMs: Date.now() - 5_000 }),
      { env, callbacksAllowed: false },
      () => 0,
    );
    const remaining = live.getRemainingTimeInMillis as () => number;

    // Act
    const before = remaining();
    await new Promise((r) => setTimeout(r, 30));
    const after = remaining();

    // Assess
    expect(before).toBeGreaterThan(4_900);
    expect(before).toBeLessThanOrEqual(5_000);
    expect(after).toBeLessThanOrEqual(before - 25);
    expect((past.getRemainingTimeInMillis as () => number)()).toBe(0);
  });

  it('parses client context and identity from JSON or base64 JSON', () => {
    // Prepare
    const clientContext = Buffer.from(JSON.stringify({ custom: { tenant: 't1' } })).toString('base64');
    const cognitoIdentity = JSON.stringify({ cognitoIdentityId: 'id-1' });

    // Act
    const context = createContext(
      invocation({ clientContext, cognitoIdentity }),
      { env, callbacksAllowed: false },
      () => undefined,
    );

    // Assess
    expect(context.clientContext).toEqual({ custom: { tenant: 't1' } });
    expect(context.identity).toEqual({ cognitoIdentityId: 'id-1' });
  });

  it('adds succeed, fail and done, which finish the invocation, only where callbacks are allowed', () => {
    // Prepare
    const finished: unknown[][] = [];
    const finish = (err: unknown, result: unknown) => finished.push([err, result]);

    // Act
    const legacy = createContext(invocation(), { env, callbacksAllowed: true }, finish);
    const modern = createContext(invocation(), { env, callbacksAllowed: false }, finish);
    (legacy.succeed as (r: unknown) => void)('ok');
    (legacy.fail as (e: unknown) => void)(undefined);
    (legacy.done as (e: unknown, r: unknown) => void)('err', 'res');

    // Assess
    expect(finished).toEqual([
      [null, 'ok'],
      ['handled', undefined],
      ['err', 'res'],
    ]);
    expect(modern.succeed).toBeUndefined();
    expect(modern.fail).toBeUndefined();
    expect(modern.done).toBeUndefined();
  });
});

describe('parseJsonHeader', () => {
  it('gives undefined for a missing value or one that is neither JSON nor base64 JSON', () => {
    // Act
    const results = [parseJsonHeader(undefined), parseJsonHeader(''), parseJsonHeader('%%% not json')];

    // Assess
    expect(results).toEqual([undefined, undefined, undefined]);
  });
});

describe('setTraceId', () => {
  it("sets _X_AMZN_TRACE_ID to the invocation's trace id and removes it when the next has none", () => {
    // Prepare
    const traceEnv: NodeJS.ProcessEnv = {};

    // Act
    setTraceId(traceEnv, 'Root=1-abc');
    const during = traceEnv._X_AMZN_TRACE_ID;
    setTraceId(traceEnv, undefined);

    // Assess
    expect(during).toBe('Root=1-abc');
    expect('_X_AMZN_TRACE_ID' in traceEnv).toBe(false);
  });
});
