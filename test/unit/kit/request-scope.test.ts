import {
  currentRequestScope,
  invocationTraceId,
  outsideRequestScope,
  runInRequestScope,
  withRequestScope,
} from '../../../functions/kit/request-scope';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('request scope', () => {
  it('gives each of many interleaved invocations its own scope through awaits and timers', async () => {
    // Prepare
    const handler = withRequestScope(async (event: { hold: number }) => {
      const seen = [currentRequestScope()?.requestId];
      await pause(event.hold);
      seen.push(currentRequestScope()?.requestId);
      await new Promise<void>((resolve) => setImmediate(resolve));
      seen.push(currentRequestScope()?.requestId);
      return seen;
    });
    const ids = Array.from({ length: 40 }, (_, i) => `req-${i}`);
    // Act
    const answers = await Promise.all(ids.map((id, i) => handler({ hold: (40 - i) % 6 }, { awsRequestId: id })));
    // Assess
    expect(answers).toEqual(ids.map((id) => [id, id, id]));
  });

  it('counts cold starts per wrapped handler: only the first invocation is cold', async () => {
    // Prepare
    const handler = withRequestScope(async () => currentRequestScope()?.coldStart);
    // Act
    const answers = await Promise.all([1, 2, 3].map((n) => handler({}, { awsRequestId: `r${n}` })));
    // Assess
    expect(answers).toEqual([true, false, false]);
  });

  it('reads the trace id when each invocation begins', async () => {
    // Prepare
    const env: NodeJS.ProcessEnv = { _X_AMZN_TRACE_ID: 'Root=1-first' };
    const handler = withRequestScope(
      async () => {
        await pause(5);
        return currentRequestScope()?.traceId;
      },
      { env },
    );
    // Act
    const first = handler({}, { awsRequestId: 'a' });
    env._X_AMZN_TRACE_ID = 'Root=1-second';
    const second = handler({}, { awsRequestId: 'b' });
    // Assess
    expect(await Promise.all([first, second])).toEqual(['Root=1-first', 'Root=1-second']);
  });

  it('has no scope outside an invocation, nor inside outsideRequestScope', async () => {
    // Prepare
    let late: unknown = 'unset';
    // Act
    await runInRequestScope({ requestId: 'r1', coldStart: true, traceId: undefined }, async () => {
      outsideRequestScope(() => {
        setTimeout(() => {
          late = currentRequestScope();
        }, 1);
      });
      await pause(10);
    });
    // Assess
    expect(late).toBeUndefined();
    expect(currentRequestScope()).toBeUndefined();
  });
});

describe('invocationTraceId', () => {
  afterEach(() => {
    delete (globalThis as { awslambda?: unknown }).awslambda;
  });

  it('falls back to _X_AMZN_TRACE_ID when the runtime keeps no per-invocation store', () => {
    // Act / Assess
    expect(invocationTraceId({ _X_AMZN_TRACE_ID: 'Root=1-a' })).toBe('Root=1-a');
    expect(invocationTraceId({})).toBeUndefined();
  });

  it("reads the running invocation's trace id from AWS's invoke store before the variable", async () => {
    // Prepare: the store Lambda's Node runtime puts on globalThis.awslambda (the classic, single-context kind:
    // its AsyncLocalStorage kind needs a dynamic import jest cannot run; test/runtime runs that one for real)
    (globalThis as { awslambda?: object }).awslambda = {};
    const { InvokeStore, InvokeStoreBase } = await import('@aws/lambda-invoke-store');
    const store = await InvokeStore.getInstanceAsync();
    const key = InvokeStoreBase.PROTECTED_KEYS.X_RAY_TRACE_ID;
    // Act
    const seen = store.run({ [key]: 'Root=1-from-store' }, () =>
      invocationTraceId({ _X_AMZN_TRACE_ID: 'Root=1-stale' }),
    );
    // Assess
    expect(seen).toBe('Root=1-from-store');
  });
});
