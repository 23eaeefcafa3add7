import { ratioOfMeansOrNull, summaryOrNull } from '../stats';
import { answeredValues } from './sample';
import {
  type BenchResults,
  type BurstResult,
  type Comparison,
  type FunctionResult,
  type LatencyRatios,
  METRICS,
  type MetricSummaries,
  PHASES,
  type Phase,
  type Sample,
  SCHEMA_VERSION,
} from './types';

/** What the runner measured, before any statistics. */
export type RawResults = Pick<
  BenchResults,
  'target' | 'startedAtMs' | 'finishedAtMs' | 'machine' | 'versions' | 'settings' | 'instances' | 'notes'
> & {
  readonly functions: readonly {
    readonly name: string;
    readonly memoryMb: number;
    readonly samples: readonly Sample[];
  }[];
  /** Which naive twin to compare with which reuse function; phase defaults to `warm`. */
  readonly comparisons: readonly {
    readonly id: string;
    readonly reuseFunction: string;
    readonly naiveFunction: string;
    readonly phase?: Phase;
  }[];
  /** Burst counts; `clientMs` is derived from the function's `burst` samples. */
  readonly bursts: readonly Omit<BurstResult, 'clientMs'>[];
  /** Defaults to now. */
  readonly generatedAt?: string;
};

function latencyRatios(
  numerator: readonly Sample[],
  numeratorPhase: Phase,
  denominator: readonly Sample[],
  denominatorPhase: Phase,
): LatencyRatios {
  return {
    clientMs: ratioOfMeansOrNull(
      answeredValues(numerator, numeratorPhase, 'clientMs'),
      answeredValues(denominator, denominatorPhase, 'clientMs'),
    ),
    durationMs: ratioOfMeansOrNull(
      answeredValues(numerator, numeratorPhase, 'durationMs'),
      answeredValues(denominator, denominatorPhase, 'durationMs'),
    ),
  };
}

/**
 * Turns the runner's raw measurements into a results object: per-phase summaries, cold/warm and
 * naive/reuse ratios, burst latency summaries. Pure; validate the output with validateResults if in doubt.
 *
 * @throws Error when a comparison or burst names a function that has no samples entry.
 * @example
 * const results = assembleResults({ target: 'local', startedAtMs, finishedAtMs, machine: collectMachine(),
 *   versions: collectVersions({ runtime: 'local nodejs24.x', node: '24.11.0' }), settings,
 *   functions: [{ name: 'hello', memoryMb: 128, samples }], comparisons: [], bursts: [], instances });
 * writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2));
 */
export function assembleResults(raw: RawResults): BenchResults {
  const byName = new Map(raw.functions.map((f) => [f.name, f]));
  const samplesOf = (name: string, where: string): readonly Sample[] => {
    const found = byName.get(name);
    if (!found) throw new Error(`assembleResults: ${where} names function "${name}", which has no entry in functions`);
    return found.samples;
  };

  const functions: FunctionResult[] = raw.functions.map((f) => {
    const summaries: { [P in Phase]?: MetricSummaries } = {};
    for (const phase of PHASES) {
      if (!f.samples.some((s) => s.phase === phase)) continue;
      summaries[phase] = Object.fromEntries(
        METRICS.map((metric) => [metric, summaryOrNull(answeredValues(f.samples, phase, metric))]),
      ) as unknown as MetricSummaries;
    }
    return {
      name: f.name,
      memoryMb: f.memoryMb,
      samples: f.samples,
      summaries,
      coldOverWarm: latencyRatios(f.samples, 'cold', f.samples, 'warm'),
    };
  });

  const comparisons: Comparison[] = raw.comparisons.map((c) => {
    const phase = c.phase ?? 'warm';
    const naive = samplesOf(c.naiveFunction, `comparison "${c.id}"`);
    const reuse = samplesOf(c.reuseFunction, `comparison "${c.id}"`);
    return {
      id: c.id,
      reuseFunction: c.reuseFunction,
      naiveFunction: c.naiveFunction,
      phase,
      naiveOverReuse: latencyRatios(naive, phase, reuse, phase),
    };
  });

  const bursts: BurstResult[] = raw.bursts.map((b) => ({
    ...b,
    clientMs: summaryOrNull(answeredValues(samplesOf(b.function, 'a burst'), 'burst', 'clientMs')),
  }));

  return {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: raw.generatedAt ?? new Date().toISOString(),
    target: raw.target,
    startedAtMs: raw.startedAtMs,
    finishedAtMs: raw.finishedAtMs,
    machine: raw.machine,
    versions: raw.versions,
    settings: raw.settings,
    functions,
    comparisons,
    bursts,
    instances: raw.instances,
    ...(raw.notes ? { notes: raw.notes } : {}),
  };
}
