import { assembleResults, type BenchResults, type Instance, type Sample } from '../../bench/schema';

/*
 * A seeded generator of CLEARLY SYNTHETIC results, shaped like a real run (lognormal latencies, cold starts
 * that retire environments, a concurrent warm phase and a burst), for rendering the report in tests.
 * Nothing here is a measurement; the results carry a note saying so.
 */

/** mulberry32: a tiny deterministic PRNG, enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller from a uniform source such as {@link prng}. */
export function standardNormal(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface Profile {
  name: string;
  memoryMb: number;
  initMs: number;
  coldMs: number;
  warmMs: number;
  memMb: number;
}

const PROFILES: readonly Profile[] = [
  { name: 'hello', memoryMb: 128, initMs: 125, coldMs: 4, warmMs: 1.1, memMb: 68 },
  { name: 'config', memoryMb: 256, initMs: 185, coldMs: 6, warmMs: 1.4, memMb: 84 },
  { name: 'config-naive', memoryMb: 256, initMs: 142, coldMs: 38, warmMs: 22, memMb: 83 },
  { name: 'db', memoryMb: 256, initMs: 150, coldMs: 46, warmMs: 2.8, memMb: 91 },
  { name: 'db-naive', memoryMb: 256, initMs: 141, coldMs: 43, warmMs: 31, memMb: 90 },
  { name: 'breaker', memoryMb: 128, initMs: 131, coldMs: 3.2, warmMs: 1.2, memMb: 70 },
];

export interface SyntheticOptions {
  seed?: number;
  coldStarts?: number;
  warmInvocations?: number;
  concurrency?: number;
  warmups?: number;
}

/**
 * Synthetic results for the given seed; the same seed always gives the same object.
 *
 * @example
 * const results = syntheticResults({ seed: 7 });
 */
export function syntheticResults(options: SyntheticOptions = {}): BenchResults {
  const { seed = 42, coldStarts = 10, warmInvocations = 40, concurrency = 4, warmups = 2 } = options;
  const random = prng(seed);
  const normal = standardNormal(random);
  const lognormal = (median: number, sigma: number) => median * Math.exp(sigma * normal());
  const round2 = (v: number) => Math.round(v * 100) / 100;

  const startedAtMs = Date.UTC(2026, 10, 27, 12, 0, 0);
  let now = startedAtMs;
  const instances: Instance[] = [];
  const live = new Map<string, { id: string; invocations: number; createdAtMs: number; function: string }>();
  let instanceCounter = 0;
  const create = (fn: string) => {
    instanceCounter++;
    const rec = {
      id: `2026/11/27/[$LATEST]${((instanceCounter * 2654435761) % 0xffffffff).toString(16).padStart(8, '0')}`,
      invocations: 0,
      createdAtMs: now,
      function: fn,
    };
    live.set(rec.id, rec);
    return rec;
  };
  const retireAll = (fn: string) => {
    for (const [id, rec] of live) {
      if (rec.function !== fn) continue;
      instances.push({ id, function: fn, createdAtMs: rec.createdAtMs, endedAtMs: now, invocations: rec.invocations });
      live.delete(id);
    }
  };

  const functions = PROFILES.map((p) => {
    const samples: Sample[] = [];
    const invoke = (
      inst: { id: string; invocations: number },
      phase: Sample['phase'],
      cold: boolean,
      record: boolean,
    ) => {
      inst.invocations++;
      const duration = round2(lognormal(cold ? p.coldMs : p.warmMs, cold ? 0.25 : 0.3));
      const init = cold ? round2(lognormal(p.initMs, 0.08)) : null;
      const client = round2(duration + (init ?? 0) + lognormal(cold ? 9 : 2.4, 0.3));
      if (record) {
        samples.push({
          phase,
          startedAtMs: now,
          clientMs: client,
          durationMs: duration,
          initDurationMs: init,
          maxMemoryUsedMb: Math.round(p.memMb + (cold ? 0 : 3) + random() * 4),
          coldStart: cold,
          instanceId: inst.id,
          statusCode: 200,
        });
      }
      return client;
    };

    // Cold starts: each forced update retires the environment, the next invoke creates one.
    let current = create(p.name);
    for (let i = 0; i < coldStarts; i++) {
      if (i > 0) {
        now += 700 + Math.round(random() * 400); // UpdateFunctionConfiguration until Successful
        retireAll(p.name);
        current = create(p.name);
      }
      now += Math.ceil(invoke(current, 'cold', true, true)) + 50;
    }
    // Warm, sequential: warm-ups first (discarded), then M on the same environment.
    for (let i = 0; i < warmups + warmInvocations; i++)
      now += Math.ceil(invoke(current, 'warm', false, i >= warmups)) + 15;
    // Warm at concurrency C: the warm-up round brings up C-1 more environments (cold, discarded).
    const pool = [current];
    for (let i = 1; i < concurrency; i++) pool.push(create(p.name));
    for (const inst of pool.slice(1)) invoke(inst, 'warm-concurrent', true, false);
    now += Math.ceil(p.initMs + 40);
    for (let i = 0; i < warmInvocations; i += concurrency) {
      let slowest = 0;
      for (let j = 0; j < concurrency && i + j < warmInvocations; j++) {
        slowest = Math.max(
          slowest,
          invoke(pool[j] as { id: string; invocations: number }, 'warm-concurrent', false, true),
        );
      }
      now += Math.ceil(slowest) + 10;
    }
    // Burst from zero: retire everything, then C requests at once.
    now += 900;
    retireAll(p.name);
    const burstStart = now;
    let slowest = 0;
    for (let j = 0; j < concurrency; j++) slowest = Math.max(slowest, invoke(create(p.name), 'burst', true, true));
    now += Math.ceil(slowest) + 300;
    return { name: p.name, memoryMb: p.memoryMb, samples, burstStart };
  });

  for (const rec of live.values())
    instances.push({
      id: rec.id,
      function: rec.function,
      createdAtMs: rec.createdAtMs,
      endedAtMs: null,
      invocations: rec.invocations,
    });

  return assembleResults({
    target: 'local',
    generatedAt: new Date(now + 1000).toISOString(),
    startedAtMs,
    finishedAtMs: now + 500,
    machine: {
      cpuModel: 'Synthetic CPU @ 3.0GHz',
      cores: 2,
      memoryBytes: 8 * 1024 ** 3,
      os: 'linux 6.8.0-synthetic',
      arch: 'x64',
      nodeVersion: '24.21.0',
    },
    versions: { project: '0.1.0', runtime: 'local nodejs24.x (synthetic)', node: '24.21.0', sdk: '3.1164.0' },
    settings: { coldStarts, warmInvocations, concurrency, warmupsDiscarded: warmups },
    functions: functions.map(({ name, memoryMb, samples }) => ({ name, memoryMb, samples })),
    comparisons: [
      { id: 'config', reuseFunction: 'config', naiveFunction: 'config-naive' },
      { id: 'db', reuseFunction: 'db', naiveFunction: 'db-naive' },
    ],
    bursts: functions.map((f) => ({
      function: f.name,
      concurrency,
      startedAtMs: f.burstStart,
      requests: concurrency,
      environmentsBefore: 0,
      environmentsCreated: concurrency,
      coldStartsSeen: concurrency,
      throttled: 0,
      errors: 0,
    })),
    instances,
    notes: [
      `Synthetic data from test/bench/synthetic-results.ts (seed ${seed}): generated for tests, not a measurement.`,
    ],
  });
}
