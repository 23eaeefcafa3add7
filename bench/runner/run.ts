import { functionSpec } from '../../functions/catalog';
import { parseRoute } from '../measure';
import type { Progress } from '../progress';
import {
  burstFromZero,
  coldStarts,
  type FunctionUnderTest,
  InstanceTracker,
  type ScenarioContext,
  warmConcurrent,
  warmSequential,
  warmThroughApi,
} from '../scenarios';
import { collectMachine, collectVersions, type RawResults, type Sample } from '../schema';
import type { Target } from '../targets/types';
import type { BenchOptions } from './options';

/** Naive twins compared with their reuse function, when both are measured. */
const COMPARISONS = [
  { id: 'config', reuseFunction: 'config', naiveFunction: 'config-naive' },
  { id: 'db', reuseFunction: 'db', naiveFunction: 'db-naive' },
] as const;

function functionUnderTest(target: Target, shortName: string): FunctionUnderTest {
  const spec = functionSpec(shortName);
  const routeKey = spec.routes.find((r) => r.startsWith('GET ')) ?? spec.routes[0];
  if (routeKey === undefined) throw new RangeError(`function "${shortName}" has no route in functions/catalog.ts`);
  return { shortName, functionName: target.functionName(shortName), route: parseRoute(routeKey) };
}

/**
 * Runs every scenario for every selected function against a target and returns the raw measurements
 * (assemble them with assembleResults). Per function: N forced cold starts, W warm-ups then M sequential
 * warm invocations, C warm-ups then M invocations at concurrency C, and a burst of C from zero.
 *
 * @example
 * const raw = await runBenchmark(target, options, createProgress());
 * const results = assembleResults(raw);
 */
export async function runBenchmark(target: Target, options: BenchOptions, progress: Progress): Promise<RawResults> {
  const startedAtMs = Date.now();
  const instances = new InstanceTracker();
  const notes: string[] = [
    `Warm-up runs discarded: ${options.warmup} invocation(s) before each sequential warm run and max(C, W) = ${Math.max(options.concurrency, options.warmup)} before each concurrent warm run, per function.`,
    'Cold, warm and warm-concurrent samples are direct Invoke calls (LogType Tail): client latency is the Invoke round trip seen by the SDK, server figures come from the REPORT. Warm-http and burst samples go through the HTTP API: the latency a client of the API sees, with no server figures.',
  ];
  const ctx: ScenarioContext = { target, options, progress, instances, notes };
  const functions: { name: string; memoryMb: number; samples: Sample[] }[] = [];
  const bursts: RawResults['bursts'][number][] = [];

  for (const shortName of options.functions) {
    const fut = functionUnderTest(target, shortName);
    const samples: Sample[] = [];
    samples.push(...(await coldStarts(ctx, fut)));
    samples.push(...(await warmSequential(ctx, fut)));
    samples.push(...(await warmConcurrent(ctx, fut)));
    samples.push(...(await warmThroughApi(ctx, fut)));
    const burst = await burstFromZero(ctx, fut);
    samples.push(...burst.samples);
    bursts.push(burst.burst);
    functions.push({ name: shortName, memoryMb: functionSpec(shortName).memoryMb, samples });
    progress.log(`${shortName}: done (${samples.length} samples)`);
  }

  const measured = new Set(options.functions);
  return {
    target: target.kind,
    startedAtMs,
    finishedAtMs: Date.now(),
    machine: collectMachine(),
    versions: collectVersions({ runtime: target.runtime.label, node: target.runtime.node }),
    settings: {
      coldStarts: options.cold,
      warmInvocations: options.warm,
      concurrency: options.concurrency,
      warmupsDiscarded: options.warmup,
      ...(options.smokeRun ? { smokeRun: true } : {}),
    },
    functions,
    comparisons: COMPARISONS.filter((c) => measured.has(c.reuseFunction) && measured.has(c.naiveFunction)).map((c) => ({
      ...c,
      phase: 'warm' as const,
    })),
    bursts,
    instances: instances.list(),
    notes,
  };
}
