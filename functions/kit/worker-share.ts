import { availableParallelism } from 'node:os';
import { readIntEnv } from './env';

/**
 * How many invocations one environment runs at once, and over how many module scopes. Classic Lambda: one
 * at a time. Under Lambda Managed Instances up to `AWS_LAMBDA_MAX_CONCURRENCY` at once, spread over
 * `AWS_LAMBDA_NODEJS_WORKER_COUNT` worker threads, each loading the handler module (and its pool and
 * breakers) once.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html
 */
export interface WorkerConcurrency {
  /** Concurrent invocations per execution environment (`AWS_LAMBDA_MAX_CONCURRENCY`); 1 in classic Lambda. */
  readonly maxConcurrency: number;
  /** Worker threads per environment, each with its own module scope. */
  readonly workers: number;
}

/**
 * The concurrency from the environment: `AWS_LAMBDA_MAX_CONCURRENCY` (set by Lambda for Managed Instances
 * only, else 1) and `AWS_LAMBDA_NODEJS_WORKER_COUNT` (the machine's vCPUs when unset, as AWS documents).
 * Each variable is range-checked as it is read, so the error names it.
 *
 * @example
 * const { maxConcurrency, workers } = workerConcurrencyFromEnv(process.env);
 */
export function workerConcurrencyFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConcurrency {
  return {
    maxConcurrency: readIntEnv('AWS_LAMBDA_MAX_CONCURRENCY', 1, { min: 1, max: 100_000 }, env),
    workers: readIntEnv('AWS_LAMBDA_NODEJS_WORKER_COUNT', availableParallelism(), { min: 1, max: 1024 }, env),
  };
}

/**
 * The invocations one worker's module scope serves at once: ceil(concurrency / workers).
 *
 * @example
 * perWorkerShare({ maxConcurrency: 16, workers: 2 }); // 8
 */
export function perWorkerShare(c: WorkerConcurrency): number {
  return Math.ceil(c.maxConcurrency / Math.max(1, c.workers));
}
