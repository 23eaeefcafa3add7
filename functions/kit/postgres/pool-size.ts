import { readIntEnv } from '../env';
import { perWorkerShare, type WorkerConcurrency, workerConcurrencyFromEnv } from '../worker-share';

/**
 * How big a pool each module scope gets. Classic Lambda runs one invocation at a time per environment, so one
 * connection is all a module-scope pool can use. Under Lambda Managed Instances one environment runs up to
 * `AWS_LAMBDA_MAX_CONCURRENCY` invocations at once, spread over `AWS_LAMBDA_NODEJS_WORKER_COUNT` worker
 * threads, and every worker loads the module (and its pool) once, so a pool of 1 would queue every request
 * of a worker behind one connection.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html
 */
export const poolSizeDefaults = {
  /** Classic: one invocation at a time, one connection. */
  classic: 1,
  /** Managed Instances: never more than pg's own default per worker, whatever the concurrency. */
  perWorkerCap: 10,
} as const;

/** What the derived size is computed from; {@link poolMaxFor}'s input. */
export interface PoolSizeInputs extends WorkerConcurrency {
  /** Upper bound per worker; {@link poolSizeDefaults.perWorkerCap} unless given. */
  readonly perWorkerCap?: number;
}

/**
 * The pool size a worker needs to serve its share of the environment's concurrency without queueing:
 * ceil(concurrency / workers), at most the cap. The connection budget (infra) multiplies it by workers and
 * environments.
 *
 * @example
 * poolMaxFor({ maxConcurrency: 16, workers: 2 }); // 8 per worker, 16 per environment
 */
export function poolMaxFor(inputs: PoolSizeInputs): number {
  const cap = inputs.perWorkerCap ?? poolSizeDefaults.perWorkerCap;
  if (inputs.maxConcurrency <= 1) return poolSizeDefaults.classic;
  return Math.max(1, Math.min(cap, perWorkerShare(inputs)));
}

/**
 * The pool size from the environment: `DB_POOL_MAX` when set (the override), else derived with
 * {@link poolMaxFor} from `AWS_LAMBDA_MAX_CONCURRENCY` (set by Lambda for Managed Instances only) and
 * `AWS_LAMBDA_NODEJS_WORKER_COUNT` (the machine's vCPUs when unset, as AWS documents), else 1.
 *
 * @example
 * const max = poolMaxFromEnv(process.env);
 */
export function poolMaxFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const derived = poolMaxFor(workerConcurrencyFromEnv(env));
  return readIntEnv('DB_POOL_MAX', derived, { min: 1, max: 100 }, env);
}
