import { InvalidSampleError } from './errors';
import { percentileOfSorted } from './percentile';
import { checkSamples, sortedCopy } from './samples';
import { studentTQuantile } from './student-t';

/** A closed interval [lower, upper]. */
export type Interval = readonly [number, number];

/**
 * The summary of one sample, as written to the results file and shown in the report.
 * `stddev` and `ci95` need two samples or more; with one sample they are `null` (nothing can be said
 * about spread), never 0, so a reader cannot mistake "not measured" for "no variation".
 */
export interface Summary {
  readonly n: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** 95% confidence interval of the mean (Student t, n - 1 degrees of freedom); null when n = 1. Symmetric: may go below 0. */
  readonly ci95: Interval | null;
  /**
   * 95% interval of the mean on the log scale ({@link positiveMeanInterval95}): what the report shows.
   * Present only when n ≥ 2 and every value is > 0 (latencies, memory); never below 0.
   */
  readonly ci95Log?: Interval;
  /** Percentiles, type 7 (see {@link percentile}). */
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  /** Sample standard deviation (n - 1 denominator); null when n = 1. */
  readonly stddev: number | null;
}

/**
 * The arithmetic mean.
 *
 * @throws InsufficientSamplesError for an empty array.
 * @example
 * mean([1, 2, 3, 4]); // 2.5
 */
export function mean(samples: readonly number[]): number {
  checkSamples('mean', samples, 1);
  // Kahan summation: thousands of millisecond values should not lose their decimals.
  let sum = 0;
  let compensation = 0;
  for (const value of samples) {
    const y = value - compensation;
    const t = sum + y;
    compensation = t - sum - y;
    sum = t;
  }
  return sum / samples.length;
}

/**
 * The sample standard deviation (Bessel's n - 1 denominator), computed in two passes for accuracy.
 *
 * @throws InsufficientSamplesError for fewer than two samples.
 * @example
 * stddev([2, 4, 4, 4, 5, 5, 7, 9]); // ≈ 2.138
 */
export function stddev(samples: readonly number[]): number {
  checkSamples('stddev', samples, 2);
  const m = mean(samples);
  let squares = 0;
  for (const value of samples) squares += (value - m) * (value - m);
  return Math.sqrt(squares / (samples.length - 1));
}

/**
 * The 95% confidence interval of the mean: mean ± t(0.975, n-1) · s / √n.
 *
 * Why Student t and not the normal 1.96: the benchmark's cold-start samples are small (n of 10 to 30), where
 * 1.96 would understate the interval by 5–25%.
 *
 * @throws InsufficientSamplesError for fewer than two samples.
 * @example
 * meanConfidenceInterval95([10, 12, 14]); // [7.03, 16.97] (t = 4.303, s = 2)
 */
export function meanConfidenceInterval95(samples: readonly number[]): Interval {
  checkSamples('meanConfidenceInterval95', samples, 2);
  const m = mean(samples);
  const halfWidth = (studentTQuantile(0.975, samples.length - 1) * stddev(samples)) / Math.sqrt(samples.length);
  return [m - halfWidth, m + halfWidth];
}

/**
 * The 95% interval of the mean of a positive quantity, on the log scale: m · exp(± t(0.975, n-1) · s / (m·√n)).
 *
 * Method: the delta method on ln(mean) (its standard error is the coefficient of variation of the mean,
 * s / (m·√n)), with Student t on n - 1 degrees of freedom, mapped back with exp. It is the one-sample case
 * of {@link ratioOfMeans}' interval, so means and ratios in the report are made the same way.
 * Why: a latency or a memory figure cannot be negative, and its uncertainty is multiplicative. The
 * symmetric interval (see {@link meanConfidenceInterval95}) of a small, right-skewed sample, e.g. cold
 * starts of [80, 90, 400], reaches below 0 ms, which a reader takes as a finding; this one is asymmetric
 * around the mean, wider above than below, and always above 0. For large, tight samples the two agree.
 *
 * @throws InsufficientSamplesError for fewer than two samples; InvalidSampleError for a value ≤ 0.
 * @example
 * positiveMeanInterval95([80, 90, 400]); // ≈ [17.6, 2050] where the symmetric one is [-262, 642]
 */
export function positiveMeanInterval95(samples: readonly number[]): Interval {
  checkSamples('positiveMeanInterval95', samples, 2);
  const bad = samples.findIndex((value) => !(value > 0));
  if (bad >= 0) throw new InvalidSampleError('positiveMeanInterval95', bad, samples[bad], 'finite numbers > 0');
  const m = mean(samples);
  const halfWidth = (studentTQuantile(0.975, samples.length - 1) * stddev(samples)) / (m * Math.sqrt(samples.length));
  return [m * Math.exp(-halfWidth), m * Math.exp(halfWidth)];
}

/**
 * n, min, max, mean with its 95% interval, p50/p90/p99 and the standard deviation of one sample.
 *
 * @throws InsufficientSamplesError for an empty array (there is nothing to summarise; the runner records
 *   `null` instead, see {@link summaryOrNull}); InvalidSampleError for a non-finite sample.
 * @example
 * summary([12.1, 11.8, 13.0, 12.4]);
 * // { n: 4, min: 11.8, max: 13, mean: 12.325, ci95: [11.51, 13.14], p50: 12.25, p90: 12.82, p99: 12.982, stddev: 0.512 }
 */
export function summary(samples: readonly number[]): Summary {
  checkSamples('summary', samples, 1);
  const sorted = sortedCopy(samples);
  const many = samples.length >= 2;
  return {
    n: samples.length,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    mean: mean(samples),
    ci95: many ? meanConfidenceInterval95(samples) : null,
    ...(many && (sorted[0] as number) > 0 ? { ci95Log: positiveMeanInterval95(samples) } : {}),
    p50: percentileOfSorted(sorted, 0.5),
    p90: percentileOfSorted(sorted, 0.9),
    p99: percentileOfSorted(sorted, 0.99),
    stddev: many ? stddev(samples) : null,
  };
}

/**
 * {@link summary}, or `null` when there are no samples (a scenario that was skipped or measured nothing).
 *
 * @example
 * summaryOrNull([]); // null
 */
export function summaryOrNull(samples: readonly number[]): Summary | null {
  return samples.length === 0 ? null : summary(samples);
}
