import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetFunctionConfigurationCommand,
  type LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { BenchTimeoutError } from './errors';

export interface ColdStartOptions {
  /** Delay between GetFunctionConfiguration polls. */
  pollMs: number;
  /** Give up when LastUpdateStatus is not Successful by then. */
  timeoutMs: number;
  /** The environment variable whose new value forces the update. */
  variable: string;
}

export const coldStartDefaults: ColdStartOptions = { pollMs: 50, timeoutMs: 60_000, variable: 'BENCH_COLD' };

/**
 * Forces the next invoke of a function to be a cold start, the way public cold-start benchmarks do:
 * UpdateFunctionConfiguration with a new environment value (merged into the existing variables, so the
 * function keeps its configuration), then waits until LastUpdateStatus is Successful. Lambda retires
 * every running environment on a configuration change.
 *
 * @throws BenchTimeoutError when the update does not finish within `timeoutMs`, or reports Failed.
 * @example
 * await forceColdStart(lambda, 'lambda-reuse-lab-dev-hello');
 * // the next invoke has an Init Duration
 */
export async function forceColdStart(
  lambda: LambdaClient,
  functionName: string,
  options: Partial<ColdStartOptions> = {},
): Promise<void> {
  const opts = { ...coldStartDefaults, ...options };
  const current = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
  const variables = { ...(current.Environment?.Variables ?? {}), [opts.variable]: randomUUID() };
  // A previous update may still be running (AWS rejects a second one with ResourceConflictException).
  await waitUpdated(lambda, functionName, opts);
  await lambda.send(
    new UpdateFunctionConfigurationCommand({ FunctionName: functionName, Environment: { Variables: variables } }),
  );
  await waitUpdated(lambda, functionName, opts);
}

async function waitUpdated(lambda: LambdaClient, functionName: string, opts: ColdStartOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    if (config.LastUpdateStatus === 'Failed') {
      throw new BenchTimeoutError(
        `configuration update of ${functionName} failed: ${config.LastUpdateStatusReason ?? 'no reason given'}`,
      );
    }
    if (config.LastUpdateStatus === undefined || config.LastUpdateStatus === 'Successful') return;
    if (Date.now() > deadline) {
      throw new BenchTimeoutError(
        `configuration update of ${functionName} still ${config.LastUpdateStatus} after ${opts.timeoutMs} ms`,
      );
    }
    await sleep(opts.pollMs);
  }
}
