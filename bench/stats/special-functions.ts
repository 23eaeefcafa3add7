/**
 * The special functions behind Student's t: log-gamma and the regularized incomplete beta function.
 * Written for the benchmark's needs (shape parameters from 0.5 to a few million, double precision),
 * not as a general numerical library.
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0.
 *
 * Why this way: Stirling's series is accurate to ~1e-15 once x ≥ 10, so smaller arguments are first
 * shifted up with Γ(x) = Γ(x + k) / (x (x+1) … (x+k-1)).
 *
 * @example
 * logGamma(5); // ln(24) ≈ 3.1780538
 */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma: x must be > 0, got ${x}`);
  let shift = 0;
  let z = x;
  while (z < 10) {
    shift += Math.log(z);
    z += 1;
  }
  const inv = 1 / z;
  const inv2 = inv * inv;
  // Bernoulli-number terms B2k / (2k (2k-1) z^(2k-1)), k = 1..5.
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 * (1 / 1188)))));
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series - shift;
}

const TINY = 1e-300;
const EPSILON = 1e-15;
const MAX_TERMS = 100_000;

/**
 * The continued fraction for I_x(a, b) (DLMF 8.17.22), evaluated with the modified Lentz method.
 * It converges quickly for x < (a + 1) / (a + b + 2); the caller uses the symmetry otherwise.
 */
function betaContinuedFraction(x: number, a: number, b: number): number {
  let f = TINY;
  let c = f;
  let d = 0;
  for (let j = 1; j <= MAX_TERMS; j++) {
    let numerator: number;
    if (j === 1) {
      numerator = 1;
    } else {
      const k = j - 1; // d_k, the k-th coefficient of the fraction
      const m = Math.floor(k / 2);
      numerator =
        k % 2 === 1
          ? (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
          : (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    }
    d = 1 + numerator * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + numerator / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < EPSILON) return f;
  }
  throw new RangeError(`incomplete beta: no convergence for x=${x}, a=${a}, b=${b}`);
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), for 0 ≤ x ≤ 1 and a, b > 0.
 *
 * @example
 * regularizedIncompleteBeta(0.5, 2, 2); // 0.5, by symmetry
 * regularizedIncompleteBeta(0.25, 1, 1); // 0.25 (the uniform distribution's CDF)
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`incomplete beta: a and b must be > 0, got a=${a}, b=${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`incomplete beta: x must be in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - (logGamma(a) + logGamma(b) - logGamma(a + b));
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}
