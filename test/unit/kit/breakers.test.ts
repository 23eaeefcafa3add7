import { ManagedBreaker } from '../../../functions/kit/breakers/breaker';
import {
  type BreakerOptions,
  breakerOptionsFromEnv,
  defaults,
  volumeThresholdFor,
} from '../../../functions/kit/breakers/options';
import { BreakerRegistry } from '../../../functions/kit/breakers/registry';
import { InvalidOptionError } from '../../../functions/kit/errors';

function setup(overrides: Partial<BreakerOptions> = {}) {
  const clock = { mono: 0 };
  let mode: 'ok' | 'fail' | 'hang' = 'ok';
  let actionCalls = 0;
  const fallbackErrors: Error[] = [];
  const breaker = new ManagedBreaker<[], string>(
    'test',
    async () => {
      actionCalls += 1;
      if (mode === 'fail') throw new Error('down');
      if (mode === 'hang') await new Promise((r) => setTimeout(r, 2_000).unref());
      return 'live';
    },
    (err) => {
      fallbackErrors.push(err);
      return 'fallback';
    },
    // A long resetTimeout: opossum's own timer never fires during a test, only our clock moves.
    {
      ...defaults,
      timeout: 1_000,
      resetTimeout: 60_000,
      errorThresholdPercentage: 50,
      volumeThreshold: 2,
      monotonicNow: () => clock.mono,
      ...overrides,
    },
  );
  return {
    clock,
    breaker,
    fallbackErrors,
    setMode: (m: typeof mode) => (mode = m),
    get actionCalls() {
      return actionCalls;
    },
  };
}

async function open(s: ReturnType<typeof setup>) {
  s.setMode('fail');
  await s.breaker.fire();
  await s.breaker.fire();
  expect(s.breaker.state).toBe('open');
}

describe('ManagedBreaker', () => {
  it('passes calls through while closed', async () => {
    // Prepare
    const s = setup();
    // Act
    const outcome = await s.breaker.fire();
    // Assess
    expect(outcome).toEqual({ value: 'live', fromFallback: false });
    expect(s.breaker.state).toBe('closed');
  });

  it('opens past the error threshold and then answers from the fallback without calling the action', async () => {
    // Prepare
    const s = setup();
    await open(s);
    const callsWhenOpened = s.actionCalls;
    // Act
    const outcome = await s.breaker.fire();
    // Assess
    expect(outcome).toEqual({
      value: 'fallback',
      fromFallback: true,
      fallbackReason: 'open',
      errorCode: 'EOPENBREAKER',
    });
    expect(s.actionCalls).toBe(callsWhenOpened);
    expect(s.fallbackErrors.at(-1)).toMatchObject({ code: 'EOPENBREAKER' });
    expect(s.breaker.stats()).toMatchObject({ state: 'open', failures: 2, rejects: 1, fallbacks: 3 });
  });

  it('answers from the fallback with ETIMEDOUT when the action hangs past the timeout', async () => {
    // Prepare
    const s = setup({ timeout: 100 });
    s.setMode('hang');
    // Act
    const outcome = await s.breaker.fire();
    // Assess
    expect(outcome.fromFallback).toBe(true);
    expect(s.fallbackErrors[0]).toMatchObject({ code: 'ETIMEDOUT' });
    expect(s.breaker.stats().timeouts).toBe(1);
    expect(outcome).toMatchObject({ fallbackReason: 'timeout', errorCode: 'ETIMEDOUT' });
  });

  it("says the fallback answered for the call's own error, with the error's code or name", async () => {
    // Prepare
    const s = setup();
    s.setMode('fail');
    // Act
    const outcome = await s.breaker.fire();
    // Assess
    expect(outcome).toEqual({ value: 'fallback', fromFallback: true, fallbackReason: 'error', errorCode: 'Error' });
    expect(s.breaker.state).toBe('closed');
  });

  it("counts a call's own ETIMEDOUT (a socket timing out) as an error, not as the breaker's timeout", async () => {
    // Prepare
    const breaker = new ManagedBreaker<[], string>(
      'own-timeout',
      async () => {
        throw Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' });
      },
      () => 'fallback',
      { ...defaults, timeout: 1_000 },
    );
    // Act
    const outcome = await breaker.fire();
    // Assess
    expect(outcome).toMatchObject({ fromFallback: true, fallbackReason: 'error', errorCode: 'ETIMEDOUT' });
    expect(breaker.stats().timeouts).toBe(0);
  });

  it('lets a trial call through once resetTimeout passed while its timer could not fire (thawed environment)', async () => {
    // Prepare
    const s = setup();
    await open(s);
    s.setMode('ok');
    // Act: the monotonic clock moved past resetTimeout, as across a freeze; opossum's timer has not run.
    s.clock.mono = 60_001;
    const outcome = await s.breaker.fire();
    // Assess
    expect(outcome).toEqual({ value: 'live', fromFallback: false });
    expect(s.breaker.state).toBe('closed');
    expect(s.breaker.stats()).toMatchObject({ thawHalfOpens: 1 });
  });

  it('keeps rejecting while resetTimeout has not passed', async () => {
    // Prepare
    const s = setup();
    await open(s);
    s.setMode('ok');
    // Act
    s.clock.mono = 59_999;
    const outcome = await s.breaker.fire();
    // Assess
    expect(outcome.fromFallback).toBe(true);
    expect(s.breaker.state).toBe('open');
  });

  it('reopens when the trial call after a thaw fails, and waits a full resetTimeout again', async () => {
    // Prepare
    const s = setup();
    await open(s);
    s.clock.mono = 60_001;
    // Act
    const trial = await s.breaker.fire();
    const callsAfterTrial = s.actionCalls;
    s.clock.mono = 60_002;
    const next = await s.breaker.fire();
    // Assess
    expect(trial.fromFallback).toBe(true);
    expect(s.breaker.state).toBe('open');
    expect(next.fromFallback).toBe(true);
    expect(s.actionCalls).toBe(callsAfterTrial);
  });

  it('keeps its statistics across the thaw transition', async () => {
    // Prepare
    const s = setup();
    await open(s);
    const firesBefore = s.breaker.stats().fires;
    s.setMode('ok');
    s.clock.mono = 60_001;
    // Act
    await s.breaker.fire();
    // Assess
    expect(s.breaker.stats().fires).toBe(firesBefore + 1);
  });

  it("still reaches halfOpen through opossum's own timer when the process is not frozen", async () => {
    // Prepare
    const s = setup({ resetTimeout: 50 });
    await open(s);
    // Act
    const deadline = Date.now() + 5_000;
    while (s.breaker.state !== 'halfOpen' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    // Assess
    expect(s.breaker.state).toBe('halfOpen');
    s.setMode('ok');
    await s.breaker.fire();
    expect(s.breaker.state).toBe('closed');
  });
});

describe('BreakerRegistry', () => {
  it('returns the same breaker for the same name, keeping its state', async () => {
    // Prepare
    const registry = new BreakerRegistry({ ...defaults, volumeThreshold: 1, resetTimeout: 60_000 });
    const a = registry.get(
      'db',
      async () => {
        throw new Error('x');
      },
      () => 'fb',
    );
    await a.fire();
    // Act
    const b = registry.get(
      'db',
      async () => 'other',
      () => 'other',
    );
    // Assess
    expect(b).toBe(a);
    expect(b.stats()).toEqual(expect.objectContaining({ state: 'open', failures: 1 }));
  });
});

/** A breaker whose action fails or succeeds after `delayMs`, so concurrent calls are in flight together. */
function concurrentSetup(overrides: Partial<BreakerOptions> = {}) {
  const clock = { mono: 0 };
  const state = { fail: true, calls: 0 };
  const breaker = new ManagedBreaker<[number], string>(
    'concurrent',
    async (delayMs) => {
      state.calls += 1;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (state.fail) throw Object.assign(new Error('down'), { code: 'ECONNRESET' });
      return 'live';
    },
    () => 'fallback',
    {
      ...defaults,
      timeout: 1_000,
      resetTimeout: 60_000,
      volumeThreshold: 3,
      monotonicNow: () => clock.mono,
      ...overrides,
    },
  );
  const fireMany = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => breaker.fire(1 + (i % 4))));
  return { clock, state, breaker, fireMany };
}

describe('ManagedBreaker under concurrent invocations (one worker of Lambda Managed Instances)', () => {
  it('opens once when concurrent calls fail together, and tells every caller why its fallback answered', async () => {
    // Prepare
    const s = concurrentSetup();
    // Act
    const running = await s.fireMany(20);
    const afterOpen = await s.fireMany(20);
    // Assess
    expect(s.breaker.state).toBe('open');
    expect(s.breaker.stats().opens).toBe(1);
    // All twenty were running when it opened: each ended as its own failure.
    expect(running.map((o) => [o.fromFallback, o.fallbackReason, o.errorCode])).toEqual(
      Array(20).fill([true, 'error', 'ECONNRESET']),
    );
    // Fired after it opened: rejected without a call.
    expect(afterOpen.map((o) => [o.value, o.fallbackReason, o.errorCode])).toEqual(
      Array(20).fill(['fallback', 'open', 'EOPENBREAKER']),
    );
    expect(s.state.calls).toBe(20);
  });

  it('lets one trial call through in halfOpen and rejects the concurrent others until it succeeds', async () => {
    // Prepare
    const s = concurrentSetup();
    await s.fireMany(5);
    s.state.fail = false;
    s.clock.mono = 60_000;
    // Act
    const during = await s.fireMany(10);
    const after = await s.fireMany(10);
    // Assess
    expect(during.filter((o) => !o.fromFallback)).toHaveLength(1);
    expect(during.filter((o) => o.fallbackReason === 'open')).toHaveLength(9);
    expect(after.every((o) => o.value === 'live')).toBe(true);
    expect(s.breaker.state).toBe('closed');
    expect(s.breaker.stats().opens).toBe(1);
  });

  it("stays closed when a worker's first three calls fail together, with the volume threshold sized for its share", async () => {
    // Prepare
    const threshold = volumeThresholdFor({ maxConcurrency: 64, workers: 4 });
    const classic = concurrentSetup({ volumeThreshold: 3 });
    const sized = concurrentSetup({ volumeThreshold: threshold });
    // Act
    await Promise.all([classic.fireMany(3), sized.fireMany(3)]);
    // Assess
    expect(threshold).toBe(16);
    expect(classic.breaker.state).toBe('open');
    expect(sized.breaker.state).toBe('closed');
  });

  it('still opens with the sized threshold once a share of calls mostly fails', async () => {
    // Prepare
    const s = concurrentSetup({ volumeThreshold: volumeThresholdFor({ maxConcurrency: 64, workers: 4 }) });
    // Act
    await s.fireMany(16);
    // Assess
    expect(s.breaker.state).toBe('open');
    expect(s.breaker.stats().opens).toBe(1);
  });
});

describe('breakerOptionsFromEnv', () => {
  it('reads the BREAKER_* variables', () => {
    // Prepare / Act
    const opts = breakerOptionsFromEnv({
      BREAKER_TIMEOUT_MS: '2500',
      BREAKER_RESET_MS: '7000',
      BREAKER_ERROR_THRESHOLD_PERCENTAGE: '25',
      BREAKER_VOLUME_THRESHOLD: '4',
    });
    // Assess
    expect(opts).toMatchObject({
      timeout: 2_500,
      resetTimeout: 7_000,
      errorThresholdPercentage: 25,
      volumeThreshold: 4,
    });
  });

  it('falls back to the defaults', () => {
    // Prepare / Act / Assess
    expect(breakerOptionsFromEnv({})).toMatchObject({ timeout: defaults.timeout, resetTimeout: defaults.resetTimeout });
  });

  it('rejects an out-of-range value naming the variable', () => {
    // Prepare / Act / Assess
    expect(() => breakerOptionsFromEnv({ BREAKER_ERROR_THRESHOLD_PERCENTAGE: '150' })).toThrow(InvalidOptionError);
    expect(() => breakerOptionsFromEnv({ BREAKER_ERROR_THRESHOLD_PERCENTAGE: '150' })).toThrow(
      /BREAKER_ERROR_THRESHOLD_PERCENTAGE.*"150"/,
    );
  });

  it('derives the volume threshold from the concurrency per worker under Managed Instances, capped', () => {
    // Prepare / Act
    const managed = breakerOptionsFromEnv({ AWS_LAMBDA_MAX_CONCURRENCY: '64', AWS_LAMBDA_NODEJS_WORKER_COUNT: '4' });
    const large = breakerOptionsFromEnv({ AWS_LAMBDA_MAX_CONCURRENCY: '640', AWS_LAMBDA_NODEJS_WORKER_COUNT: '2' });
    const small = breakerOptionsFromEnv({ AWS_LAMBDA_MAX_CONCURRENCY: '4', AWS_LAMBDA_NODEJS_WORKER_COUNT: '4' });
    const classic = breakerOptionsFromEnv({});
    // Assess
    expect([managed.volumeThreshold, large.volumeThreshold, small.volumeThreshold]).toEqual([16, 20, 3]);
    expect(classic.volumeThreshold).toBe(defaults.volumeThreshold);
  });

  it('lets BREAKER_VOLUME_THRESHOLD override the derived threshold', () => {
    // Prepare / Act
    const opts = breakerOptionsFromEnv({
      AWS_LAMBDA_MAX_CONCURRENCY: '64',
      AWS_LAMBDA_NODEJS_WORKER_COUNT: '4',
      BREAKER_VOLUME_THRESHOLD: '5',
    });
    // Assess
    expect(opts.volumeThreshold).toBe(5);
  });
});
