import type { LocalLambda } from '../../local/runtime';
import { TooManyRequestsError } from '../../local/runtime';
import { fixture, json, startRuntime } from './support';

describe('function pool', () => {
  let rt: LocalLambda;
  beforeAll(async () => {
    rt = await startRuntime([
      fixture('echo'),
      fixture('echo', { name: 'reserved-two', reservedConcurrency: 2 }),
      fixture('echo', { name: 'sequential' }),
    ]);
  });
  afterAll(() => rt.stop());

  it('gives N concurrent invokes on an empty pool N distinct environments', async () => {
    // Prepare
    const n = 4;
    // Act
    const results = await Promise.all(Array.from({ length: n }, () => rt.invoke('echo', { sleepMs: 300 })));
    // Assess
    const instances = new Set(results.map((r) => json(r.payload).instance));
    expect(instances.size).toBe(n);
  });

  it('serves sequential invokes from one warm environment', async () => {
    // Act
    const instances: unknown[] = [];
    for (let i = 0; i < 5; i += 1) instances.push(json((await rt.invoke('sequential', {})).payload).instance);
    // Assess
    expect(new Set(instances).size).toBe(1);
    expect(json((await rt.invoke('sequential', {})).payload).served).toBe(6);
  });

  it('throttles with 429 ReservedFunctionConcurrentInvocationLimitExceeded once reserved concurrency is in use', async () => {
    // Prepare
    const busy = [rt.invoke('reserved-two', { sleepMs: 800 }), rt.invoke('reserved-two', { sleepMs: 800 })];
    await new Promise((r) => setTimeout(r, 50));
    // Act
    const third = rt.invoke('reserved-two', {}).then(
      () => undefined,
      (err: unknown) => err,
    );
    // Assess
    const err = await third;
    expect(err).toBeInstanceOf(TooManyRequestsError);
    expect((err as TooManyRequestsError).statusCode).toBe(429);
    expect((err as TooManyRequestsError).reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    await Promise.all(busy);
  });
});

describe('account concurrency', () => {
  it('throttles with 429 ConcurrentInvocationLimitExceeded past the account limit, without queueing', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo')], { accountConcurrency: 2 });
    try {
      const busy = [rt.invoke('echo', { sleepMs: 800 }), rt.invoke('echo', { sleepMs: 800 })];
      await new Promise((r) => setTimeout(r, 50));
      // Act
      const started = Date.now();
      const err = await rt.invoke('echo', {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      // Assess
      expect((err as TooManyRequestsError).reason).toBe('ConcurrentInvocationLimitExceeded');
      expect(Date.now() - started).toBeLessThan(700);
      await Promise.all(busy);
    } finally {
      await rt.stop();
    }
  });
});
