import { CodedError } from '../../common/errors';

/**
 * Errors the statistics throw. Each has a stable `code`, so callers (the runner, the report)
 * branch on the code and never on message text.
 */
export class StatsError extends CodedError {}

/** A statistic was asked of fewer samples than it needs (e.g. a mean of nothing). */
export class InsufficientSamplesError extends StatsError {
  readonly needed: number;
  readonly got: number;

  constructor(statistic: string, needed: number, got: number) {
    super('ESTATSINSUFFICIENT', `${statistic} needs at least ${needed} sample(s), got ${got}`);
    this.needed = needed;
    this.got = got;
  }
}

/** A sample the statistic cannot take: NaN, Infinity, not a number, or (for ratios) not above 0. */
export class InvalidSampleError extends StatsError {
  readonly index: number;

  constructor(statistic: string, index: number, value: unknown, allowed = 'finite numbers') {
    super('ESTATSINVALIDSAMPLE', `${statistic}: sample [${index}] is ${String(value)}; allowed: ${allowed}`);
    this.index = index;
  }
}

/** An argument outside its domain, e.g. a percentile of 1.5 or a probability of 0. */
export class StatsArgumentError extends StatsError {
  constructor(argument: string, value: unknown, allowed: string) {
    super('ESTATSARGUMENT', `argument "${argument}" is ${String(value)}; allowed: ${allowed}`);
  }
}
