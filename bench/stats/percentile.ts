import { StatsArgumentError } from './errors';
import { checkSamples, sortedCopy } from './samples';

/**
 * The p-th quantile (0 ≤ p ≤ 1) of the samples.
 *
 * Definition: Hyndman & Fan type 7 (linear interpolation between closest ranks), the default of R's
 * `quantile()` and of NumPy's `percentile()`, so anyone can recompute the report's numbers with either.
 * With the samples sorted as x[0..n-1], h = (n - 1)·p and the result is x[⌊h⌋] + (h - ⌊h⌋)·(x[⌊h⌋+1] - x[⌊h⌋]).
 * p = 0 is the minimum and p = 1 the maximum. One sample gives that sample for every p.
 *
 * @throws InsufficientSamplesError for an empty array; InvalidSampleError for a non-finite sample;
 *   StatsArgumentError when p is outside [0, 1].
 * @example
 * percentile([1, 2, 3, 4], 0.5); // 2.5
 * percentile([10, 20, 30, 40, 50], 0.9); // 46
 */
export function percentile(samples: readonly number[], p: number): number {
  checkSamples('percentile', samples, 1);
  return percentileOfSorted(sortedCopy(samples), p);
}

/**
 * {@link percentile} on samples the caller has already sorted ascending (no copy, no check of the order),
 * for computing several percentiles of one large sample.
 *
 * @example
 * const sorted = [3, 1, 2].sort((a, b) => a - b);
 * percentileOfSorted(sorted, 0.5); // 2
 */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new StatsArgumentError('p', p, 'a number from 0 to 1');
  checkSamples('percentile', sorted, 1);
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  const below = sorted[lower] as number;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)] as number;
  return below + (h - lower) * (above - below);
}
