import { InvalidSampleError, ratioOfMeans, ratioOfMeansOrNull, RATIO_METHOD } from '../../bench/stats';

/** mulberry32, so the simulated samples are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

  it('matches a hand computation of the log-scale interval', () => {
    // Prepare: x = [9, 10, 11] (mean 10, s 1), y = [4, 5, 6] (mean 5, s 1)
    // var ln r = (1/10)²/3 + (1/5)²/3 = 0.0166667; df = v²/((vx²+vy²)/2) = 2.9412; t ≈ 3.1996
    const r = ratioOfMeans([9, 10, 11], [4, 5, 6]);
    const se = Math.sqrt(0.01 / 3 + 0.04 / 3);
    const vx = 0.01 / 3;
    const vy = 0.04 / 3;
    const df = (vx + vy) ** 2 / ((vx * vx) / 2 + (vy * vy) / 2);
    // Act / Assess
    expect(df).toBeCloseTo(2.9412, 4);
    const [lo, hi] = r.ci95 as [number, number];
    expect(Math.log(hi / 2) / se).toBeCloseTo(3.2, 1);
    expect(Math.log(2 / lo) / se).toBeCloseTo(Math.log(hi / 2) / se, 9);
  });

  it('covers the true ratio about 95% of the time on skewed, latency-like samples', () => {
    // Prepare: lognormal samples; the mean of lognormal(μ, σ) is e^(μ+σ²/2), so the true ratio is known.
    const random = prng(20261127);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const draw = (median: number, sigma: number, n: number) => Array.from({ length: n }, () => median * Math.exp(sigma * normal()));
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
