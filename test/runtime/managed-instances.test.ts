import type { FunctionDefinition, InvokeResult, LocalLambda, LogEvent } from '../../local/runtime';
import { InvalidOptionError, TooManyRequestsError } from '../../local/runtime';
import { fixture, json, pidAlive, startRuntime, waitFor } from './support';

/** The concurrent fixture on Managed Instances: 2 GB (one vCPU), `workers` worker threads. */
function lmi(name: string, config: { maxConcurrency: number; workers: number; timeout?: number }): FunctionDefinition {
  return fixture('concurrent', {
    name,
    memorySize: 2048,
    timeout: config.timeout ?? 5,
    environment: { AWS_LAMBDA_NODEJS_WORKER_COUNT: String(config.workers) },
    managedInstances: { maxConcurrency: config.maxConcurrency, minEnvironments: 1, maxEnvironments: 1 },
  });
}

function all(rt: LocalLambda, name: string, events: object[]): Promise<InvokeResult[]> {
  return Promise.all(events.map((event) => rt.invoke(name, event)));
}

const settle = (rt: LocalLambda, name: string, event: object): Promise<InvokeResult | unknown> =>
  rt.invoke(name, event).then(
    (r) => r,
    (err: unknown) => err,
  );

describe('Managed Instances: one environment, many invocations at once', () => {
  let rt: LocalLambda;
  const logs: LogEvent[] = [];
  beforeAll(async () => {
    rt = await startRuntime(
      [
        lmi('one-worker', { maxConcurrency: 8, workers: 1 }),
        lmi('two-workers', { maxConcurrency: 16, workers: 2 }),
        lmi('four-slots', { maxConcurrency: 4, workers: 1 }),
        lmi('short-timeout', { maxConcurrency: 8, workers: 1, timeout: 1 }),
        lmi('crashing', { maxConcurrency: 8, workers: 2 }),
      ],
      { log: (event) => logs.push(event) },
    );
  });
  afterAll(() => rt.stop());

  it('runs N concurrent invokes in one environment that share one module scope', async () => {
    // Act
    const results = (
      await all(
        rt,
        'one-worker',
        Array.from({ length: 8 }, () => ({ holdMs: 300 })),
      )
    ).map((r) => json(r.payload));
    // Assess
    expect(new Set(results.map((r) => r.pid)).size).toBe(1);
    expect(new Set(results.map((r) => r.threadId)).size).toBe(1);
    expect(new Set(results.map((r) => r.loadedAt)).size).toBe(1);
    // Each saw the others still running: the module's in-flight counter reached 8.
    expect(results.map((r) => r.startedWith).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Math.max(...results.map((r) => r.peak as number))).toBe(8);
  });

  it('runs INIT once per worker thread, and every invocation on one of them', async () => {
    // Act
    const first = (
      await all(
        rt,
        'two-workers',
        Array.from({ length: 12 }, () => ({ holdMs: 200 })),
      )
    ).map((r) => json(r.payload));
    const second = (
      await all(
        rt,
        'two-workers',
        Array.from({ length: 12 }, () => ({ holdMs: 200 })),
      )
    ).map((r) => json(r.payload));
    // Assess
    const inits = new Set([...first, ...second].map((r) => `${r.threadId}@${r.loadedAt}`));
    expect(inits.size).toBe(2);
    expect(new Set([...first, ...second].map((r) => r.pid)).size).toBe(1);
    expect(first.every((r) => r.maxConcurrency === '16' && r.initType === 'lambda-managed-instances')).toBe(true);
  });

  it('never freezes the environment: its timers tick between invocations', async () => {
    // Prepare
    const before = json((await rt.invoke('one-worker', {})).payload);
    // Act
    await new Promise((r) => setTimeout(r, 600));
    const after = json((await rt.invoke('one-worker', {})).payload);
    // Assess: a 20 ms timer over 600 ms; a frozen process would show none, a loaded machine fewer than 30.
    expect((after.ticks as number) - (before.ticks as number)).toBeGreaterThanOrEqual(5);
    expect(rt.environments().filter((e) => e.function === 'one-worker')[0]?.state).not.toBe('frozen');
  });

  it('keeps each invocation its own request id, trace id and deadline, and sets no process-wide trace id', async () => {
    // Prepare
    const traces = Array.from({ length: 6 }, (_, i) => `Root=1-67890abc-00000000000000000000000${i};Sampled=1`);
    // Act
    const results = await Promise.all(
      traces.map((traceId, i) => rt.invoke('one-worker', { holdMs: 50 * (6 - i) }, { traceId })),
    );
    // Assess
    for (const [i, r] of results.entries()) {
      const body = json(r.payload);
      expect(body.requestId).toBe(r.requestId);
      expect(body.storeRequestId).toBe(r.requestId);
      expect(body.storeTraceId).toBe(traces[i]);
      expect(body.remainingMs as number).toBeLessThanOrEqual(5000);
      expect(body.remainingMs as number).toBeGreaterThan(3000);
      expect(body.traceEnv).toBeNull();
    }
    expect(new Set(results.map((r) => r.requestId)).size).toBe(6);
  });

  it('throttles with 429 once every environment runs its maximum concurrency, and starts none for it', async () => {
    // Prepare
    const throttles: string[] = [];
    rt.on('throttle', (t) => throttles.push(t.functionName));
    // Act
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => settle(rt, 'four-slots', { holdMs: 400 })));
    // Assess
    const refused = outcomes.filter((o) => o instanceof TooManyRequestsError) as TooManyRequestsError[];
    expect(refused).toHaveLength(2);
    expect(refused[0]?.statusCode).toBe(429);
    expect(throttles.filter((f) => f === 'four-slots')).toHaveLength(2);
    expect(rt.environments().filter((e) => e.function === 'four-slots')).toHaveLength(1);
  });

  it('fails a timed-out invocation alone: the environment and its other invocations carry on', async () => {
    // Prepare
    const pid = rt.environments().find((e) => e.function === 'short-timeout')?.pid;
    // Act
    const [slow, ...quick] = await Promise.all([
      rt.invoke('short-timeout', { holdMs: 1500 }),
      ...Array.from({ length: 3 }, () => rt.invoke('short-timeout', { holdMs: 100 })),
    ]);
    const afterwards = await rt.invoke('short-timeout', {});
    // Assess
    expect(slow?.functionError).toBe('Unhandled');
    expect(json(slow?.payload ?? Buffer.from('{}')).errorType).toBe('Sandbox.Timedout');
    for (const q of quick) expect(q.functionError).toBeUndefined();
    expect(json(afterwards.payload).pid).toBe(pid);
    expect(pidAlive(pid as number)).toBe(true);
  });

  it('keeps serving on the other workers when one worker crashes', async () => {
    // Prepare
    const env = rt.environments().find((e) => e.function === 'crashing');
    // Act
    await rt.invoke('crashing', { crash: true });
    await new Promise((r) => setTimeout(r, 200));
    const after = (
      await all(
        rt,
        'crashing',
        Array.from({ length: 4 }, () => ({ holdMs: 50 })),
      )
    ).map((r) => json(r.payload));
    // Assess
    expect(new Set(after.map((r) => r.threadId)).size).toBe(1);
    expect(after.every((r) => r.pid === env?.pid)).toBe(true);
    expect(logs.some((l) => l.functionName === 'crashing' && /Worker \d exited with code/.test(l.line))).toBe(true);
  });

  it('shows in-flight and peak concurrency in the environment list and in REPORT', async () => {
    // Prepare
    logs.length = 0;
    // Act
    const busy = all(
      rt,
      'one-worker',
      Array.from({ length: 5 }, () => ({ holdMs: 300 })),
    );
    const seen = await waitFor(
      () => rt.environments().some((e) => e.function === 'one-worker' && (e.concurrency?.inFlight ?? 0) === 5),
      2000,
    );
    const results = await busy;
    // Assess
    expect(seen).toBe(true);
    const info = rt.environments().find((e) => e.function === 'one-worker');
    expect(info?.concurrency).toMatchObject({ max: 8, workers: 1, inFlight: 0 });
    expect(info?.concurrency?.peak).toBeGreaterThanOrEqual(5);
    const ours = () =>
      logs
        .filter((l) => l.requestId && results.some((r) => r.requestId === l.requestId))
        .map((l) => JSON.parse(l.line))
        .filter((rec) => rec.type === 'platform.report');
    await waitFor(() => ours().length >= 5, 2000);
    const reports = ours();
    expect(reports).toHaveLength(5);
    expect(Math.max(...reports.map((r) => r.record.executionEnvironmentConcurrency.inFlight))).toBe(5);
    expect(reports[0].record.executionEnvironmentConcurrency.limit).toBe(8);
  });

  it("puts each function line in its own invocation's log tail", async () => {
    // Act
    const results = await Promise.all(
      Array.from({ length: 4 }, () => rt.invoke('one-worker', { holdMs: 100 }, { tail: true })),
    );
    // Assess
    for (const r of results) {
      const tail = Buffer.from(r.logResult ?? '', 'base64').toString('utf8');
      const others = results.filter((o) => o.requestId !== r.requestId);
      expect(tail).toContain(`start ${r.requestId}`);
      expect(tail).toContain(`end ${r.requestId}`);
      for (const o of others) expect(tail).not.toContain(`start ${o.requestId}`);
    }
  });
});

describe('Managed Instances: environments ahead of traffic and scaling', () => {
  it('starts the minimum number of environments before the first invoke', async () => {
    // Prepare / Act
    const rt = await startRuntime([
      fixture('concurrent', { memorySize: 2048, managedInstances: { maxConcurrency: 4, minEnvironments: 2 } }),
    ]);
    try {
      // Assess
      const envs = rt.environments();
      expect(envs).toHaveLength(2);
      expect(envs.every((e) => e.state === 'idle' && e.initDurationMs !== undefined)).toBe(true);
    } finally {
      await rt.stop();
    }
  });

  it('adds environments when the ones running are saturated, at most doubling within the window, and retires them when idle', async () => {
    // Prepare
    const rt = await startRuntime(
      [
        fixture('concurrent', {
          memorySize: 2048,
          managedInstances: { maxConcurrency: 2, minEnvironments: 1, maxEnvironments: 8 },
        }),
      ],
      { managedInstances: { intervalMs: 50 } },
    );
    try {
      // Act: two long invocations fill the only environment
      const busy = Promise.all([rt.invoke('concurrent', { holdMs: 1500 }), rt.invoke('concurrent', { holdMs: 1500 })]);
      const grew = await waitFor(() => rt.environments().length === 2, 1400);
      await new Promise((r) => setTimeout(r, 300));
      // Assess
      expect(grew).toBe(true);
      // Saturated still, but doubling from one environment stops at two within the window.
      expect(rt.environments()).toHaveLength(2);
      await busy;
      // Idle again: one environment is retired, gradually, down to the minimum.
      const shrank = await waitFor(() => rt.environments().length === 1, 3000);
      expect(shrank).toBe(true);
      expect(rt.endedEnvironments().some((e) => e.endReason === 'scale-in')).toBe(true);
    } finally {
      await rt.stop();
    }
  });

  it('starts the updated configuration’s environments before retiring the old ones, so no invoke is throttled', async () => {
    // Prepare
    const rt = await startRuntime([
      fixture('concurrent', { memorySize: 2048, managedInstances: { maxConcurrency: 4, minEnvironments: 1 } }),
    ]);
    try {
      const before = rt.environments().map((e) => e.id);
      // Act
      rt.updateFunctionConfiguration('concurrent', { Environment: { Variables: { MARKER: 'v2' } } });
      const during = await Promise.all(Array.from({ length: 3 }, () => settle(rt, 'concurrent', { holdMs: 100 })));
      const switched = await waitFor(() => rt.environments().every((e) => !before.includes(e.id)), 5000);
      const after = json((await rt.invoke('concurrent', {})).payload);
      // Assess
      expect(during.every((o) => !(o instanceof Error))).toBe(true);
      expect(switched).toBe(true);
      expect(after.marker).toBe('v2');
    } finally {
      await rt.stop();
    }
  });

  it('refuses a Managed Instances function below 2 GB, naming the option', async () => {
    // Act
    const start = startRuntime([fixture('concurrent', { memorySize: 1024, managedInstances: {} })]);
    // Assess
    await expect(start).rejects.toThrow(InvalidOptionError);
    await expect(start).rejects.toThrow(/functions\[concurrent\]\.memorySize.*2048/);
  });
});
