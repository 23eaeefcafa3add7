import type { Route } from '../measure';
import type { Progress } from '../progress';
import type { Sample } from '../schema';
import type { Target } from '../targets/types';
import type { InstanceTracker } from './instances';

/**
 * The counts the scenarios read. The runner's BenchOptions has them all; the scenarios name only these, so
 * they depend on a shape and not on the runner that composes them.
 */
export interface ScenarioOptions {
  /** N: forced cold starts per function. */
  readonly cold: number;
  /** M: warm invocations per function, sequential and again at concurrency C. */
  readonly warm: number;
  /** C: concurrency of the concurrent warm scenario and the size of the burst. */
  readonly concurrency: number;
  /** W: warm-up invocations before each warm scenario, discarded. */
  readonly warmup: number;
  /** Bound on each HTTP request, ms. */
  readonly requestTimeoutMs: number;
}

/** What every scenario gets: where to send, how much, and where to report. */
export interface ScenarioContext {
  readonly target: Target;
  readonly options: ScenarioOptions;
  readonly progress: Progress;
  readonly instances: InstanceTracker;
  /** Remarks for the results file, e.g. how many warm-ups were discarded. */
  readonly notes: string[];
}

/** One function under measurement. */
export interface FunctionUnderTest {
  readonly shortName: string;
  readonly functionName: string;
  /** The route the benchmark calls (the first GET route of the catalog entry). */
  readonly route: Route;
}

/** Runs `count` tasks with at most `concurrency` in flight; results in task order. */
export async function inPool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

export type { Sample };
