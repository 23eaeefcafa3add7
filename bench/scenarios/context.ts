import type { Progress } from '../progress';
import type { Route } from '../runner/http-event';
import type { BenchOptions } from '../runner/options';
import type { Sample } from '../schema';
import type { Target } from '../targets/types';
import type { InstanceTracker } from './instances';

/** What every scenario gets: where to send, how much, and where to report. */
export interface ScenarioContext {
  readonly target: Target;
  readonly options: BenchOptions;
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
