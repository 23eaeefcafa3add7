import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetFunctionConfigurationCommand,
  type LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { BenchRestoreError, BenchTimeoutError } from './errors';

export interface ColdStartOptions {
  /** Delay between GetFunctionConfiguration polls. */
  pollMs: number;
  /** Give up when LastUpdateStatus is not Successful by then. */
  timeoutMs: number;
  /** The environment variable whose new value forces the update. */
  variable: string;
  /** Remembers each function's variables before its first forced cold start, so they can be put back. */
  ledger: ColdStartLedger | undefined;
}

export const coldStartDefaults: ColdStartOptions = {
  pollMs: 50,
  timeoutMs: 60_000,
  variable: 'BENCH_COLD',
  ledger: undefined,
};

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
  opts.ledger?.remember(functionName, current.Environment?.Variables ?? {});
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

const sameVariables = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * Each function's environment variables as they were before the benchmark first forced a cold start
 * on it. A deployed stack must get them back (Terraform owns them: a leftover BENCH_COLD is drift in
 * the next plan), so the AWS target restores them at teardown, which runs on failure too.
 *
 * @example
 * const ledger = new ColdStartLedger();
 * await forceColdStart(lambda, name, { ledger });
 * await ledger.restore(lambda);
 */
export class ColdStartLedger {
  private readonly before = new Map<string, Record<string, string>>();

  /** Records `variables` unless this function's originals are already recorded. */
  remember(functionName: string, variables: Record<string, string>): void {
    if (!this.before.has(functionName)) this.before.set(functionName, { ...variables });
  }

  /** Functions whose originals are recorded. */
  get functions(): string[] {
    return [...this.before.keys()];
  }

  /**
   * Puts every recorded function's variables back, guarded by its RevisionId so a change made by
   * someone else meanwhile is not overwritten, and waits for each update. A function already back
   * to its originals is left alone. Tries every function before failing.
   *
   * @throws BenchRestoreError naming the functions that could not be restored.
   */
  async restore(
    lambda: LambdaClient,
    options: Partial<Pick<ColdStartOptions, 'pollMs' | 'timeoutMs'>> = {},
  ): Promise<string[]> {
    const opts = { ...coldStartDefaults, ...options };
    const restored: string[] = [];
    const failed: Array<{ functionName: string; error: unknown }> = [];
    for (const [functionName, variables] of this.before) {
      try {
        await waitUpdated(lambda, functionName, opts);
        const current = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
        if (sameVariables(current.Environment?.Variables ?? {}, variables)) continue;
        await lambda.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: functionName,
            Environment: { Variables: variables },
            RevisionId: current.RevisionId,
          }),
        );
        await waitUpdated(lambda, functionName, opts);
        restored.push(functionName);
      } catch (error) {
        failed.push({ functionName, error });
      }
    }
    if (failed.length > 0) {
      throw new BenchRestoreError(
        `could not restore the environment variables of ${failed.map((f) => f.functionName).join(', ')}: ` +
          failed.map((f) => (f.error instanceof Error ? f.error.message : String(f.error))).join('; '),
        { cause: failed[0]?.error },
      );
    }
    this.before.clear();
    return restored;
  }
}
