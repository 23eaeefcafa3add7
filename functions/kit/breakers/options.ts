import { performance } from 'node:perf_hooks';
import { assertInt, readIntEnv } from '../env';

export interface BreakerOptions {
  /** A call slower than this counts as a failure. Keep it below the function's timeout so the fallback can still answer. */
  timeout: number;
  /** How long the breaker stays open before letting one trial call through (halfOpen). */
  resetTimeout: number;
  /** Failure percentage within the rolling window that opens the breaker. */
  errorThresholdPercentage: number;
  /** Calls needed in the window before the percentage counts; one environment sees few calls, so keep it small. */
  volumeThreshold: number;
  /** Rolling statistics window. */
  rollingCountTimeout: number;
  /** Monotonic clock, ms: decides halfOpen after a freeze (see ManagedBreaker). */
  monotonicNow: () => number;
}

export const defaults: BreakerOptions = {
  timeout: 3_000,
  resetTimeout: 10_000,
  errorThresholdPercentage: 50,
  volumeThreshold: 3,
  rollingCountTimeout: 10_000,
  monotonicNow: () => performance.now(),
};

/** Checks every option; ManagedBreaker calls it once, on construction. The message names option, value and range. */
export function validateBreakerOptions(opts: BreakerOptions): BreakerOptions {
  assertInt('Breaker', 'timeout', opts.timeout, 1);
  assertInt('Breaker', 'resetTimeout', opts.resetTimeout, 1);
  assertInt('Breaker', 'errorThresholdPercentage', opts.errorThresholdPercentage, 1, 100);
  assertInt('Breaker', 'volumeThreshold', opts.volumeThreshold, 0);
  assertInt('Breaker', 'rollingCountTimeout', opts.rollingCountTimeout, 10);
  return opts;
}

/**
 * Breaker options from `BREAKER_TIMEOUT_MS`, `BREAKER_RESET_MS`, `BREAKER_ERROR_THRESHOLD_PERCENTAGE`
 * and `BREAKER_VOLUME_THRESHOLD`, falling back to {@link defaults}. Each variable is range-checked
 * as it is read, so the error names the variable; the options as a whole are validated by ManagedBreaker.
 *
 * @example
 * const opts = breakerOptionsFromEnv(); // { timeout: 3000, resetTimeout: 10000, ... }
 */
export function breakerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BreakerOptions {
  return {
    ...defaults,
    timeout: readIntEnv('BREAKER_TIMEOUT_MS', defaults.timeout, { min: 1 }, env),
    resetTimeout: readIntEnv('BREAKER_RESET_MS', defaults.resetTimeout, { min: 1 }, env),
    errorThresholdPercentage: readIntEnv(
      'BREAKER_ERROR_THRESHOLD_PERCENTAGE',
      defaults.errorThresholdPercentage,
      { min: 1, max: 100 },
      env,
    ),
    volumeThreshold: readIntEnv('BREAKER_VOLUME_THRESHOLD', defaults.volumeThreshold, { min: 0 }, env),
  };
}
