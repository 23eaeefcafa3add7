import { InvalidSampleError } from './errors';
import { checkSamples } from './samples';
import { studentTQuantile } from './student-t';
import { type Interval, mean, stddev } from './summary';

/** The name of the interval method, written into the results file so a reader knows how it was made. */
export const RATIO_METHOD = 'log-ratio-delta-welch' as const;

/** The ratio of two samples' means with its 95% interval. */
export interface RatioEstimate {
  /** mean(numerator) / mean(denominator). */
  readonly estimate: number;
  /** 95% interval; null when either sample has fewer than two values. */
  readonly ci95: Interval | null;
  readonly method: typeof RATIO_METHOD;
  readonly numeratorN: number;
  readonly denominatorN: number;
}

/**
 * The ratio of the means of two independent samples, e.g. cold / warm latency or naive / reuse, with a
 * 95% interval.
 *
 * Method: delta method on the log of the ratio, with Welch–Satterthwaite degrees of freedom.
 * ln(mX/mY) has variance ≈ sX²/(nX·mX²) + sY²/(nY·mY²) (the squared coefficients of variation of the
 * two means); the interval exp(ln r ± t·se) is then mapped back.
 * Why this one:
 * - latencies are positive and right-skewed, and a ratio's uncertainty is multiplicative: the log
 *   interval is asymmetric around r and can never go below 0, unlike a plain delta-method interval;
 * - Fieller's interval becomes unbounded when the denominator mean is not clearly above 0, which
 *   needs special cases in the report, and it is no better here because latencies are far from 0;
 * - a bootstrap would need a seed, thousands of resamples per ratio, and still be approximate for the
 *   small cold-start samples; this closed form is deterministic and instant;
 * - Welch's df keeps the small cold sample (n ≈ 10–30) from borrowing the precision of the large warm one.
 * All values must be > 0 (a latency of 0 ms is not a measurement).
 *
 * @throws InsufficientSamplesError when either sample is empty; InvalidSampleError for a value that is
 *   not a finite number > 0.
 * @example
 * const r = ratioOfMeans([300, 320, 310], [10, 11, 9, 10]);
 * r.estimate; // 31
 * r.ci95; // ≈ [27.4, 35.1]
 */
export function ratioOfMeans(numerator: readonly number[], denominator: readonly number[]): RatioEstimate {
  checkPositive('ratioOfMeans (numerator)', numerator);
  checkPositive('ratioOfMeans (denominator)', denominator);
  const mx = mean(numerator);
  const my = mean(denominator);
  const estimate = mx / my;
  const base = { estimate, method: RATIO_METHOD, numeratorN: numerator.length, denominatorN: denominator.length };
  if (numerator.length < 2 || denominator.length < 2) return { ...base, ci95: null };

  const vx = (stddev(numerator) / mx) ** 2 / numerator.length;
  const vy = (stddev(denominator) / my) ** 2 / denominator.length;
  const variance = vx + vy;
  // Both samples constant: no measured spread, the interval collapses to the point.
  if (variance === 0) return { ...base, ci95: [estimate, estimate] };
  const df = (variance * variance) / ((vx * vx) / (numerator.length - 1) + (vy * vy) / (denominator.length - 1));
  const halfWidth = studentTQuantile(0.975, df) * Math.sqrt(variance);
  return { ...base, ci95: [estimate * Math.exp(-halfWidth), estimate * Math.exp(halfWidth)] };
}

/**
 * {@link ratioOfMeans}, or `null` when either sample is empty (one side of the comparison was not measured).
 *
 * @example
 * ratioOfMeansOrNull([], [1, 2]); // null
 */
export function ratioOfMeansOrNull(numerator: readonly number[], denominator: readonly number[]): RatioEstimate | null {
  return numerator.length === 0 || denominator.length === 0 ? null : ratioOfMeans(numerator, denominator);
}

function checkPositive(statistic: string, samples: readonly number[]): void {
  checkSamples(statistic, samples, 1);
  const bad = samples.findIndex((value) => !(value > 0));
  if (bad >= 0) throw new InvalidSampleError(statistic, bad, samples[bad], 'finite numbers > 0');
}

/**
 * What a ratio's interval lets one say: `higher` or `lower` when the whole interval is above or below
 * 1, `not significant` when it contains 1 (the data cannot tell the two means apart at 95%), `no
 * interval` when a side had fewer than two values. The report prints the label next to every ratio.
 *
 * @example
 * ratioVerdict(ratioOfMeans([10, 12, 11], [11, 10, 12])); // 'not significant'
 */
export function ratioVerdict(r: Pick<RatioEstimate, 'ci95'>): 'higher' | 'lower' | 'not significant' | 'no interval' {
  if (r.ci95 === null) return 'no interval';
  const [lo, hi] = r.ci95;
  if (lo > 1) return 'higher';
  if (hi < 1) return 'lower';
  return 'not significant';
}
