import {
  InsufficientSamplesError,
  mean,
  meanConfidenceInterval95,
  positiveMeanInterval95,
  stddev,
  summary,
  summaryOrNull,
} from '../../bench/stats';

describe('summary statistics', () => {
  it('computes the mean and the n-1 standard deviation of a known sample', () => {
    // Prepare: Σ = 40, mean 5, Σ(x-5)² = 32, s² = 32/7
    const samples = [2, 4, 4, 4, 5, 5, 7, 9];
    // Act / Assess
    expect(mean(samples)).toBe(5);
    expect(stddev(samples)).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('gives the Student t 95% interval of the mean for a known sample', () => {
    // Prepare: mean 12, s 2, n 3, t(0.975, 2) = 4.302653 → half-width 4.302653·2/√3 = 4.968275
    const samples = [10, 12, 14];
    // Act
    const [lo, hi] = meanConfidenceInterval95(samples);
    // Assess
    expect(lo).toBeCloseTo(12 - 4.968275, 5);
    expect(hi).toBeCloseTo(12 + 4.968275, 5);
  });

  it('agrees with a hand-computed interval using the table t for n = 10', () => {
    // Prepare: 1..10 → mean 5.5, s = √(82.5/9) = 3.02765, t(0.975, 9) = 2.262 → half 2.1659 (±0.0005 from the table's rounding)
    const samples = Array.from({ length: 10 }, (_, i) => i + 1);
    // Act
    const s = summary(samples);
    // Assess
    expect(s.ci95).not.toBeNull();
    expect((s.ci95 as [number, number])[0]).toBeCloseTo(5.5 - 2.1659, 3);
    expect((s.ci95 as [number, number])[1]).toBeCloseTo(5.5 + 2.1659, 3);
    expect(s).toMatchObject({ n: 10, min: 1, max: 10, mean: 5.5, p50: 5.5, p90: 9.1, p99: 9.91 });
    expect(s.stddev).toBeCloseTo(3.02765, 5);
  });

  it('reports one sample with null spread and interval rather than a made-up zero', () => {
    // Act
    const s = summary([42]);
    // Assess
    expect(s).toEqual({ n: 1, min: 42, max: 42, mean: 42, ci95: null, p50: 42, p90: 42, p99: 42, stddev: null });
  });

  it('throws a coded error for no samples, and summaryOrNull returns null instead', () => {
    // Act / Assess
    expect(() => summary([])).toThrow(InsufficientSamplesError);
    expect(() => summary([])).toThrow(expect.objectContaining({ code: 'ESTATSINSUFFICIENT', needed: 1, got: 0 }));
    expect(() => meanConfidenceInterval95([1])).toThrow(/needs at least 2 sample/);
    expect(summaryOrNull([])).toBeNull();
  });

  it('keeps the decimals of many millisecond values when averaging', () => {
    // Prepare: 100 000 × 0.1 ms; naive summation drifts in the last digits
    const samples = new Array<number>(100_000).fill(0.1);
    // Act / Assess
    expect(mean(samples)).toBe(0.1);
  });
});

describe('the log-scale interval of a positive mean', () => {
  it('stays above 0 for a small skewed sample whose symmetric interval goes below 0, and contains the mean', () => {
    // Prepare: mean 190, s 181.934, n 3, t(0.975, 2) = 4.302653 → half-width on ln m: 4.302653·181.934/(190·√3) = 2.378680
    const samples = [80, 90, 400];
    // Act
    const [lo, hi] = positiveMeanInterval95(samples);
    // Assess
    expect(meanConfidenceInterval95(samples)[0]).toBeLessThan(0);
    expect(lo).toBeCloseTo(190 * Math.exp(-2.37868), 3);
    expect(hi).toBeCloseTo(190 * Math.exp(2.37868), 0);
    expect(lo).toBeGreaterThan(0);
    expect(lo).toBeLessThan(190);
    expect(hi).toBeGreaterThan(190);
  });

  it('is in summary() as ci95Log only when every value is > 0 and n ≥ 2', () => {
    // Act
    const positive = summary([80, 90, 400]);
    const withZero = summary([0, 90, 400]);
    const single = summary([42]);
    // Assess
    expect(positive.ci95Log).toEqual(positiveMeanInterval95([80, 90, 400]));
    expect(withZero.ci95Log).toBeUndefined();
    expect(single.ci95Log).toBeUndefined();
    expect(() => positiveMeanInterval95([0, 1])).toThrow(/finite numbers > 0/);
  });
});
