import { availableParallelism } from 'node:os';
import { poolMaxFor, poolMaxFromEnv, poolSizeDefaults } from '../../../functions/kit/postgres';

describe('poolMaxFor', () => {
  it('keeps one connection when an environment runs one invocation at a time', () => {
    // Act / Assess
    expect(poolMaxFor({ maxConcurrency: 1, workers: 4 })).toBe(1);
  });

  it("gives each worker its share of the environment's concurrency", () => {
    // Act / Assess
    expect(poolMaxFor({ maxConcurrency: 16, workers: 2 })).toBe(8);
    expect(poolMaxFor({ maxConcurrency: 9, workers: 2 })).toBe(5);
  });

  it('never goes past the per-worker cap', () => {
    // Act / Assess
    expect(poolMaxFor({ maxConcurrency: 128, workers: 2 })).toBe(poolSizeDefaults.perWorkerCap);
    expect(poolMaxFor({ maxConcurrency: 128, workers: 2, perWorkerCap: 3 })).toBe(3);
  });
});

describe('poolMaxFromEnv', () => {
  it('is 1 in classic Lambda, where AWS_LAMBDA_MAX_CONCURRENCY is not set', () => {
    // Act / Assess
    expect(poolMaxFromEnv({})).toBe(1);
  });

  it('derives the size from the Managed Instances variables', () => {
    // Act / Assess
    expect(poolMaxFromEnv({ AWS_LAMBDA_MAX_CONCURRENCY: '12', AWS_LAMBDA_NODEJS_WORKER_COUNT: '3' })).toBe(4);
  });

  it("counts the machine's vCPUs as workers when the worker count is unset", () => {
    // Prepare
    const expected = poolMaxFor({ maxConcurrency: 20, workers: availableParallelism() });
    // Act / Assess
    expect(poolMaxFromEnv({ AWS_LAMBDA_MAX_CONCURRENCY: '20' })).toBe(expected);
  });

  it('lets DB_POOL_MAX override the derived size', () => {
    // Act / Assess
    expect(
      poolMaxFromEnv({ AWS_LAMBDA_MAX_CONCURRENCY: '64', AWS_LAMBDA_NODEJS_WORKER_COUNT: '2', DB_POOL_MAX: '3' }),
    ).toBe(3);
  });

  it('names the variable when a value is not an integer', () => {
    // Act / Assess
    expect(() => poolMaxFromEnv({ AWS_LAMBDA_MAX_CONCURRENCY: 'many' })).toThrow(/AWS_LAMBDA_MAX_CONCURRENCY/);
    expect(() => poolMaxFromEnv({ DB_POOL_MAX: '0' })).toThrow(/DB_POOL_MAX/);
  });
});
