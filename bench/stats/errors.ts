/**
 * Errors the statistics throw. Each sets `name` and a stable `code`, so callers (the runner, the report)
 * branch on the code and never on message text.
 */
export class StatsError extends Error {
  override name = 'StatsError';
  readonly code: string;

  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A statistic was asked of fewer samples than it needs (e.g. a mean of nothing). */
export class InsufficientSamplesError extends StatsError {
  override name = 'InsufficientSamplesError';
  readonly needed: number;
  readonly got: number;

  constructor(statistic: string, needed: number, got: number) {
    super(`${statistic} needs at least ${needed} sample(s), got ${got}`, 'ESTATSINSUFFICIENT');
    this.needed = needed;
    this.got = got;
  }
}

/** A sample the statistic cannot take: NaN, Infinity, not a number, or (for ratios) not above 0. */
export class InvalidSampleError extends StatsError {
  override name = 'InvalidSampleError';
  readonly index: number;

  constructor(statistic: string, index: number, value: unknown, allowed = 'finite numbers') {
    super(`${statistic}: sample [${index}] is ${String(value)}; allowed: ${allowed}`, 'ESTATSINVALIDSAMPLE');
    this.index = index;
  }
}

/** An argument outside its domain, e.g. a percentile of 1.5 or a probability of 0. */
export class StatsArgumentError extends StatsError {
  override name = 'StatsArgumentError';

  constructor(argument: string, value: unknown, allowed: string) {
    super(`argument "${argument}" is ${String(value)}; allowed: ${allowed}`, 'ESTATSARGUMENT');
  }
}
