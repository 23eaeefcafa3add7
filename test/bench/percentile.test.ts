import { InsufficientSamplesError, InvalidSampleError, percentile, StatsArgumentError } from '../../bench/stats';

describe('percentile (Hyndman–Fan type 7)', () => {
  it('interpolates linearly between closest ranks, as R quantile() and NumPy percentile() do', () => {
    // Prepare: values hand-computed with h = (n-1)p
    const cases: [number[], number, number][] = [
      [[1, 2, 3, 4], 0.5, 2.5], // h=1.5 → 2 + 0.5·1
      [[10, 20, 30, 40, 50], 0.9, 46], // h=3.6 → 40 + 0.6·10
      [[15, 20, 35, 40, 50], 0.4, 29], // h=1.6 → 20 + 0.6·15
      [Array.from({ length: 100 }, (_, i) => i + 1), 0.99, 99.01], // h=98.01 → 99 + 0.01·1
      [[7, 1, 3], 0.5, 3], // unsorted input
    ];
    for (const [samples, p, expected] of cases) {
      // Act
      const got = percentile(samples, p);
      // Assess
      expect(got).toBeCloseTo(expected, 12);
    }
  });

  it('returns the minimum at p=0, the maximum at p=1 and the only value for a single sample', () => {
    // Prepare
    const samples = [5, 3, 9, 1];
    // Act / Assess
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile(samples, 1)).toBe(9);
    expect(percentile([42], 0.99)).toBe(42);
  });

  it('leaves the caller’s array in its original order', () => {
    // Prepare
    const samples = [3, 1, 2];
    // Act
    percentile(samples, 0.5);
    // Assess
    expect(samples).toEqual([3, 1, 2]);
  });

  it('rejects an empty sample, a non-finite sample and p outside [0, 1] with coded errors', () => {
    // Act / Assess
    expect(() => percentile([], 0.5)).toThrow(InsufficientSamplesError);
    expect(() => percentile([1, Number.NaN], 0.5)).toThrow(
      expect.objectContaining({ code: 'ESTATSINVALIDSAMPLE', index: 1 }),
    );
    expect(() => percentile([1, Infinity], 0.5)).toThrow(InvalidSampleError);
    expect(() => percentile([1, 2], 1.5)).toThrow(StatsArgumentError);
    expect(() => percentile([1, 2], 1.5)).toThrow(/"p" is 1.5; allowed: a number from 0 to 1/);
  });
});
