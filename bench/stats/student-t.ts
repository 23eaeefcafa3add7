import { StatsArgumentError } from './errors';
import { regularizedIncompleteBeta } from './special-functions';

function checkDegreesOfFreedom(df: number): void {
  if (typeof df !== 'number' || !(df > 0) || !Number.isFinite(df)) {
    throw new StatsArgumentError(
      'df',
      df,
      'a finite number > 0 (fractional values allowed, e.g. from Welch–Satterthwaite)',
    );
  }
}

/**
 * P(T > t) for t ≥ 0, computed directly rather than as 1 - CDF so that far tails keep their precision.
 * Uses P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2).
 */
function upperTail(t: number, df: number): number {
  return 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * The cumulative distribution function of Student's t with `df` degrees of freedom.
 *
 * @example
 * studentTCdf(0, 5); // 0.5
 * studentTCdf(2.228, 10); // ≈ 0.975
 */
export function studentTCdf(t: number, df: number): number {
  checkDegreesOfFreedom(df);
  if (Number.isNaN(t)) throw new StatsArgumentError('t', t, 'a number');
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  return t >= 0 ? 1 - upperTail(t, df) : upperTail(-t, df);
}

const MAX_BISECTIONS = 400;

/**
 * The quantile (inverse CDF) of Student's t: the t with P(T ≤ t) = p.
 *
 * Why bisection: the CDF is monotone and cheap, so bisecting on the upper tail probability is exact to
 * double precision for every df (including the heavy-tailed df = 1 and 2 where Newton steps overshoot)
 * without a polynomial approximation whose error would need its own proof. Tested against table values.
 *
 * @throws StatsArgumentError when p is not strictly between 0 and 1 or df is not a positive finite number.
 * @example
 * studentTQuantile(0.975, 1); // 12.706
 * studentTQuantile(0.975, 10); // 2.228
 */
export function studentTQuantile(p: number, df: number): number {
  checkDegreesOfFreedom(df);
  if (typeof p !== 'number' || !(p > 0 && p < 1))
    throw new StatsArgumentError('p', p, 'a number strictly between 0 and 1');
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const tail = 1 - p;
  let lo = 0;
  let hi = 1;
  // Bracket: double until the tail beyond `hi` is small enough. Bounded: even df=1, p=1-1e-16 needs < 60 doublings.
  for (let i = 0; i < 2000 && upperTail(hi, df) > tail; i++) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < MAX_BISECTIONS && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (upperTail(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
