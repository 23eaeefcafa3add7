import { cleanup, getJson, ownDatabase, sleep, snapshotStack, startStack } from './support';

interface Breaker {
  state: 'closed' | 'open' | 'halfOpen';
  fromFallback: boolean;
  result: { degraded?: true; reason?: string; backendPid?: number };
  instanceId: string;
}

describe('npm start serves /breaker', () => {
  afterAll(() => cleanup());

  it('opens after the configured failures, serves the fallback, then half-opens and closes after the reset timeout', async () => {
    // Prepare: 3 calls in the window, 50 % failures, 1.5 s reset.
    const resetMs = 1500;
    const stack = await startStack({
      stackFile: await snapshotStack(),
      args: [
        '--database-url',
        await ownDatabase('e2e_breaker'),
        '--env',
        'breaker.BREAKER_VOLUME_THRESHOLD=3',
        '--env',
        'breaker.BREAKER_ERROR_THRESHOLD_PERCENTAGE=50',
        '--env',
        `breaker.BREAKER_RESET_MS=${resetMs}`,
      ],
    });
    try {
      const url = `${stack.httpApi}/breaker`;
      const healthy = await getJson<Breaker>(url);
      expect(healthy.body).toMatchObject({ state: 'closed', fromFallback: false });
      // Act: failures until it opens (bounded).
      const failures: Breaker[] = [];
      for (let i = 0; i < 10 && failures.at(-1)?.state !== 'open'; i += 1)
        failures.push((await getJson<Breaker>(`${url}?fault=fail`)).body);
      const whileOpen = (await getJson<Breaker>(url)).body;
      await sleep(resetMs + 500);
      const afterReset = (await getJson<Breaker>(url)).body;
      const next = (await getJson<Breaker>(url)).body;
      // Assess
      expect(failures.at(-1)?.state).toBe('open');
      expect(failures.length).toBeGreaterThanOrEqual(2);
      expect(failures.every((f) => f.fromFallback && f.result.degraded)).toBe(true);
      expect(whileOpen).toMatchObject({
        state: 'open',
        fromFallback: true,
        result: { degraded: true, reason: 'EOPENBREAKER' },
      });
      // Only a halfOpen breaker lets a call through after opening: the trial succeeded and closed it.
      expect(afterReset).toMatchObject({ state: 'closed', fromFallback: false });
      expect(typeof afterReset.result.backendPid).toBe('number');
      expect(next).toMatchObject({ state: 'closed', fromFallback: false });
      const instances = new Set([healthy.body, ...failures, whileOpen, afterReset, next].map((b) => b.instanceId));
      expect(instances.size).toBe(1);
    } finally {
      await stack.stop();
    }
  });
});
