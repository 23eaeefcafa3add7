import type { ApiResponse } from '../../../local/runtime/bootstrap/connection';
import type { Handler } from '../../../local/runtime/bootstrap/handler-loader';
import type { Invocation } from '../../../local/runtime/bootstrap/invocation';
import { type InvokeOptions, runInvocation } from '../../../local/runtime/bootstrap/invoke';

const inv: Invocation = {
  requestId: 'req-1',
  deadlineMs: Date.now() + 60_000,
  invokedFunctionArn: 'arn',
  traceId: undefined,
  clientContext: undefined,
  cognitoIdentity: undefined,
  event: { n: 2 },
};

const nextEvent: ApiResponse = { status: 200, headers: {}, body: '{}' };

/** Options whose `respond` records each outcome; `drains` runs what waits for the empty loop. */
function options(callbacksAllowed: boolean, next: Promise<ApiResponse> = Promise.resolve(nextEvent)) {
  const outcomes: Array<{ requestId: string; err: unknown; result: unknown }> = [];
  const waiting: Array<() => void> = [];
  const lost: unknown[] = [];
  const opts: InvokeOptions = {
    env: {},
    callbacksAllowed,
    respond: (requestId, err, result) => {
      outcomes.push({ requestId, err, result });
      return next;
    },
    waitForEmptyLoop: (then) => waiting.push(then),
    onRuntimeApiLost: (err) => lost.push(err),
  };
  const drain = () => {
    for (const then of waiting.splice(0)) then();
  };
  return { opts, outcomes, waiting, drain, lost };
}

describe('runInvocation', () => {
  it("posts an async handler's resolved value and resolves with the request for the next event", async () => {
    // Prepare
    const { opts, outcomes } = options(false);
    const handler: Handler = async (event) => ({ doubled: (event as { n: number }).n * 2 });

    // Act
    const answered = await runInvocation(handler, inv, opts);

    // Assess
    expect(outcomes).toEqual([{ requestId: 'req-1', err: null, result: { doubled: 4 } }]);
    await expect(answered.next).resolves.toBe(nextEvent);
  });

  it('posts a rejection as the error, and a rejection with nothing as "Promise rejected"', async () => {
    // Prepare
    const { opts, outcomes } = options(false);
    const failure = new TypeError('bad input');

    // Act
    await runInvocation(() => Promise.reject(failure), inv, opts);
    await runInvocation(() => Promise.reject(undefined), inv, opts);

    // Assess
    expect(outcomes[0]?.err).toBe(failure);
    expect(outcomes[1]?.err).toEqual(new Error('Promise rejected'));
  });

  it('posts a synchronous throw as the error and a plain return value as the result', async () => {
    // Prepare
    const { opts, outcomes } = options(false);

    // Act
    await runInvocation(
      () => {
        throw new RangeError('sync');
      },
      inv,
      opts,
    );
    await runInvocation(() => 'plain', inv, opts);

    // Assess
    expect(outcomes.map((o) => [o.err instanceof RangeError, o.result])).toEqual([
      [true, undefined],
      [false, 'plain'],
    ]);
  });

  it('gives no callback where callbacks are not allowed', async () => {
    // Prepare
    const { opts } = options(false);
    let received: unknown = 'not called';

    // Act
    await runInvocation(
      (_event, _context, callback) => {
        received = callback;
      },
      inv,
      opts,
    );

    // Assess
    expect(received).toBeUndefined();
  });

  it("waits for the empty event loop before posting a callback's result, by default", async () => {
    // Prepare
    const { opts, outcomes, waiting, drain } = options(true);
    const handler: Handler = (_event, _context, callback) => {
      setTimeout(() => callback?.(null, 'called back'), 5);
    };

    // Act
    const answering = runInvocation(handler, inv, opts);
    await new Promise((r) => setTimeout(r, 30));
    const beforeDrain = outcomes.length;
    drain();
    await answering;

    // Assess
    expect(beforeDrain).toBe(0);
    expect(waiting).toHaveLength(0);
    expect(outcomes).toEqual([{ requestId: 'req-1', err: null, result: 'called back' }]);
  });

  it('posts a callback result at once when the handler sets callbackWaitsForEmptyEventLoop to false', async () => {
    // Prepare
    const { opts, outcomes } = options(true);
    const handler: Handler = (_event, context, callback) => {
      (context as { callbackWaitsForEmptyEventLoop: boolean }).callbackWaitsForEmptyEventLoop = false;
      callback?.(null, 'at once');
    };

    // Act
    await runInvocation(handler, inv, opts);

    // Assess
    expect(outcomes).toEqual([{ requestId: 'req-1', err: null, result: 'at once' }]);
  });

  it("posts context.succeed's result without waiting for the event loop", async () => {
    // Prepare
    const { opts, outcomes } = options(true);
    const handler: Handler = (_event, context, _callback) => {
      (context as { succeed: (r: unknown) => void }).succeed('succeeded');
    };

    // Act
    await runInvocation(handler, inv, opts);

    // Assess
    expect(outcomes).toEqual([{ requestId: 'req-1', err: null, result: 'succeeded' }]);
  });

  it('keeps only the first outcome of a handler that settles twice', async () => {
    // Prepare
    const { opts, outcomes } = options(true);
    const handler: Handler = (_event, context, callback) => {
      (context as { callbackWaitsForEmptyEventLoop: boolean }).callbackWaitsForEmptyEventLoop = false;
      callback?.(null, 'first');
      callback?.(new Error('second'));
      return Promise.resolve('third');
    };

    // Act
    await runInvocation(handler, inv, opts);
    await new Promise((r) => setImmediate(r));

    // Assess
    expect(outcomes).toEqual([{ requestId: 'req-1', err: null, result: 'first' }]);
  });

  it('reports a lost Runtime API when the answer cannot travel', async () => {
    // Prepare
    const gone = new Error('connection closed');
    const { opts, lost } = options(false, Promise.reject(gone));

    // Act
    const answered = await runInvocation(async () => 'ok', inv, opts);
    await answered.next.catch(() => undefined);

    // Assess
    expect(lost).toEqual([gone]);
  });
});
