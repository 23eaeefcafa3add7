import { InvalidSampleError, RATIO_METHOD, ratioOfMeans, ratioOfMeansOrNull, ratioVerdict } from '../../bench/stats';
import { prng, standardNormal } from './synthetic-results';

describe('ratioOfMeans (log-ratio delta method, Welch df)', () => {
  it('estimates mean(x)/mean(y) with an interval around it that stays above zero', () => {
    // Prepare
    const cold = [300, 320, 310];
    const warm = [10, 11, 9, 10];
    // Act
    const r = ratioOfMeans(cold, warm);
    // Assess
    expect(r.estimate).toBe(31);
    expect(r.method).toBe(RATIO_METHOD);
    expect(r).toMatchObject({ numeratorN: 3, denominatorN: 4 });
    const [lo, hi] = r.ci95 as [number, number];
    expect(lo).toBeGreaterThan(0);
    expect(lo).toBeLessThan(31);
    expect(hi).toBeGreaterThan(31);
    // Symmetric on the log scale: the estimate is the geometric mean of the bounds.
    expect(Math.sqrt(lo * hi)).toBeCloseTo(31, 9);
  });

  it('matches the log-scale interval computed independently with SciPy', () => {
    // Prepare: x = [9, 10, 11] (mean 10, s 1), y = [4, 5, 6] (mean 5, s 1): var ln r = 0.01/3 + 0.04/3,
    // Welch df = 50/17; scipy.stats.t.ppf(0.975, 50/17) = 3.218759, so the interval is
    // 2·exp(∓3.218759·√(0.05/3)) = [1.3199677, 3.0303773].
    // Act
    const r = ratioOfMeans([9, 10, 11], [4, 5, 6]);
    // Assess
    expect(r.estimate).toBe(2);
    const [lo, hi] = r.ci95 as [number, number];
    expect(lo).toBeCloseTo(1.3199677, 6);
    expect(hi).toBeCloseTo(3.0303773, 6);
  });

  it('covers the true ratio about 95% of the time on skewed, latency-like samples', () => {
    // Prepare: lognormal samples; the mean of lognormal(μ, σ) is e^(μ+σ²/2), so the true ratio is known.
    const random = prng(20261127);
    const normal = standardNormal(random);
    const draw = (median: number, sigma: number, n: number) =>
      Array.from({ length: n }, () => median * Math.exp(sigma * normal()));
    const truth = (150 * Math.exp(0.2 ** 2 / 2)) / (5 * Math.exp(0.4 ** 2 / 2));
    let covered = 0;
    const runs = 1000;
    // Act
    for (let i = 0; i < runs; i++) {
      const [lo, hi] = ratioOfMeans(draw(150, 0.2, 12), draw(5, 0.4, 40)).ci95 as [number, number];
      if (lo <= truth && truth <= hi) covered++;
    }
    // Assess: binomial sd at 95% over 1000 runs is 0.7%; the delta method may be slightly liberal.
    expect(covered / runs).toBeGreaterThan(0.92);
    expect(covered / runs).toBeLessThan(0.98);
  });

  it('narrows as the samples grow', () => {
    // Prepare
    const random = prng(7);
    const draw = (n: number) => Array.from({ length: n }, () => 10 + random() * 4);
    const width = (n: number) => {
      const [lo, hi] = ratioOfMeans(draw(n), draw(n)).ci95 as [number, number];
      return hi - lo;
    };
    // Act / Assess
    expect(width(200)).toBeLessThan(width(10));
  });

  it('collapses to the point for constant samples and has no interval for a single value', () => {
    // Act / Assess
    expect(ratioOfMeans([4, 4], [2, 2]).ci95).toEqual([2, 2]);
    expect(ratioOfMeans([4], [2, 3]).ci95).toBeNull();
    expect(ratioOfMeans([4], [2, 3]).estimate).toBe(1.6);
    expect(ratioOfMeansOrNull([], [1, 2])).toBeNull();
  });

  it('rejects latencies of zero or below, naming the side and the index', () => {
    // Act / Assess
    expect(() => ratioOfMeans([1, 2], [3, 0])).toThrow(InvalidSampleError);
    expect(() => ratioOfMeans([1, 2], [3, 0])).toThrow(/denominator\): sample \[1\] is 0; allowed: finite numbers > 0/);
  });
});

describe('ratioVerdict', () => {
  it('calls a ratio whose interval contains 1 "not significant", and one wholly above or below 1 higher or lower', () => {
    // Act / Assess
    expect(ratioVerdict(ratioOfMeans([10, 12, 11], [11, 10, 12]))).toBe('not significant');
    expect(ratioVerdict(ratioOfMeans([300, 320, 310], [10, 11, 9, 10]))).toBe('higher');
    expect(ratioVerdict(ratioOfMeans([10, 11, 9, 10], [300, 320, 310]))).toBe('lower');
    expect(ratioVerdict(ratioOfMeans([4], [2, 3]))).toBe('no interval');
  });
});
