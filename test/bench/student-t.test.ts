import { StatsArgumentError, studentTCdf, studentTQuantile } from '../../bench/stats';

describe('Student t quantile', () => {
  it('matches published critical values, upper and lower tail, to three decimals', () => {
    // Prepare: [p, df, table value] from standard t tables
    const table: [number, number, number][] = [
      [0.975, 1, 12.706],
      [0.975, 2, 4.303],
      [0.975, 3, 3.182],
      [0.975, 5, 2.571],
      [0.975, 9, 2.262],
      [0.975, 10, 2.228],
      [0.975, 29, 2.045],
      [0.975, 30, 2.042],
      [0.975, 120, 1.98],
      [0.995, 1, 63.657],
      [0.995, 5, 4.032],
      [0.995, 30, 2.75],
      [0.95, 10, 1.812],
      [0.9, 3, 1.638],
      [0.9995, 1, 636.619],
      // Lower tail: the same tables, negated.
      [0.025, 10, -2.228],
      [0.005, 30, -2.75],
      [0.1, 3, -1.638],
    ];
    for (const [p, df, expected] of table) {
      // Act
      const t = studentTQuantile(p, df);
      // Assess
      expect({ p, df, t: Number(t.toFixed(3)) }).toEqual({ p, df, t: expected });
    }
  });

  it('agrees with the closed forms for 1 and 2 degrees of freedom to 1e-9', () => {
    for (const p of [0.6, 0.75, 0.9, 0.975, 0.999]) {
      // Act / Assess: df=1 is Cauchy, tan(π(p-½)); df=2 is (2p-1)/√(2p(1-p))
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    }
  });

  it('approaches the normal quantile 1.95996 for very large df and accepts fractional df', () => {
    // Act / Assess
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 5);
    const t = studentTQuantile(0.975, 4.5);
    expect(t).toBeLessThan(studentTQuantile(0.975, 4));
    expect(t).toBeGreaterThan(studentTQuantile(0.975, 5));
  });

  it('is the inverse of the CDF', () => {
    for (const df of [1, 3, 7.5, 40]) {
      for (const p of [0.01, 0.2, 0.5, 0.8, 0.99]) {
        // Act
        const t = studentTQuantile(p, df);
        // Assess
        expect(studentTCdf(t, df)).toBeCloseTo(p, 12);
      }
    }
  });

  it('rejects probabilities at or outside 0 and 1 and non-positive df', () => {
    // Act / Assess
    expect(() => studentTQuantile(1, 5)).toThrow(StatsArgumentError);
    expect(() => studentTQuantile(0, 5)).toThrow(/"p" is 0/);
    expect(() => studentTQuantile(0.975, 0)).toThrow(expect.objectContaining({ code: 'ESTATSARGUMENT' }));
    expect(() => studentTQuantile(0.975, Number.NaN)).toThrow(/"df" is NaN/);
  });
});
