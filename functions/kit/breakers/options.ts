import { performance } from 'node:perf_hooks';
import { assertInt, readIntEnv } from '../env';
import { perWorkerShare, type WorkerConcurrency, workerConcurrencyFromEnv } from '../worker-share';

export interface BreakerOptions {
  /** A call slower than this counts as a failure. Keep it below the function's timeout so the fallback can still answer. */
  timeout: number;
  /** How long the breaker stays open before letting one trial call through (halfOpen). */
  resetTimeout: number;
  /** Failure percentage within the rolling window that opens the breaker. */
  errorThresholdPercentage: number;
  /**
   * Calls needed in the rolling window before the percentage counts: opossum keeps the breaker closed,
   * whatever the failures, while fewer calls than this have been fired in the window (opossum's
   * `options.volumeThreshold`). It counts a call when it is fired, so calls still in flight weigh as
   * non-failures in the rate. A classic environment sees few calls, so it is small; see
   * {@link volumeThresholdFor} for Managed Instances.
   */
  volumeThreshold: number;
  /** Rolling statistics window. */
  rollingCountTimeout: number;
  /** Monotonic clock, ms: decides halfOpen after a freeze (see ManagedBreaker). */
  monotonicNow: () => number;
}

/** Bounds of the derived volume threshold. */
export const volumeThresholdDefaults = {
  /** Classic Lambda: one call at a time, so three failures in the window are three requests in a row. */
  classic: 3,
  /** Managed Instances: never more than this, so a worker with a large share still opens within one burst. */
  perWorkerCap: 20,
} as const;

export const defaults: BreakerOptions = {
  timeout: 3_000,
  resetTimeout: 10_000,
  errorThresholdPercentage: 50,
  volumeThreshold: volumeThresholdDefaults.classic,
  rollingCountTimeout: 10_000,
  monotonicNow: () => performance.now(),
};

/**
 * The volume threshold for a breaker in one module scope. Under Lambda Managed Instances a worker runs
 * its share of the environment's `AWS_LAMBDA_MAX_CONCURRENCY` at once, and all of them share the breaker
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html). With the
 * classic threshold of 3, the first three calls a worker fires after INIT decide for all that follow:
 * if they fail before a fourth is fired (one connection reset, one slow cold connect), the rate is
 * 100 % and the breaker opens for every request the worker gets for `resetTimeout`. Requiring one share's worth of calls first, ceil(concurrency / workers) capped at
 * {@link volumeThresholdDefaults.perWorkerCap}, makes the rate describe the worker's traffic.
 *
 * @example
 * volumeThresholdFor({ maxConcurrency: 64, workers: 4 }); // 16
 */
export function volumeThresholdFor(inputs: WorkerConcurrency): number {
  const { classic, perWorkerCap } = volumeThresholdDefaults;
  if (inputs.maxConcurrency <= 1) return classic;
  return Math.max(classic, Math.min(perWorkerCap, perWorkerShare(inputs)));
}

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
 * and `BREAKER_VOLUME_THRESHOLD`, falling back to {@link defaults}; without `BREAKER_VOLUME_THRESHOLD`
 * the threshold is {@link volumeThresholdFor} the environment's `AWS_LAMBDA_MAX_CONCURRENCY` (set by
 * Lambda for Managed Instances only) over `AWS_LAMBDA_NODEJS_WORKER_COUNT` (the vCPUs when unset, as AWS
 * documents), which is the classic 3 elsewhere. Each variable is range-checked as it is read, so the
 * error names the variable; the options as a whole are validated by ManagedBreaker.
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
    volumeThreshold: readIntEnv(
      'BREAKER_VOLUME_THRESHOLD',
      volumeThresholdFor(workerConcurrencyFromEnv(env)),
      { min: 0 },
      env,
    ),
  };
}
