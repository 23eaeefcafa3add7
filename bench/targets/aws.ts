import { LambdaClient } from '@aws-sdk/client-lambda';
import { ColdStartLedger } from '../measure';
import { BenchTargetError } from './errors';
import { readStackOutputs, type TerraformTool } from './outputs';
import { stackRegion } from './region';
import type { Target } from './types';

export interface AwsTargetOptions {
  readonly stack: string;
  readonly outputsFile?: string;
  readonly rootDir: string;
  /** The CLI that reads the stack's outputs; by default terraform, or tofu when terraform is missing. */
  readonly tool?: TerraformTool;
}

/** AWS applies configuration updates in seconds; polling faster only spends API calls. */
const coldStartTiming = { pollMs: 1000, timeoutMs: 120_000 };

/**
 * A deployed stack: function names and the API URL from the stack's outputs, the region from the stack
 * itself (its function ARNs, else the synthesized provider block; the profile's only when neither names
 * one), credentials from the SDK's default chain. Teardown puts back every function's environment
 * variables as they were before the run's first forced cold start.
 *
 * @example
 * const target = await createAwsTarget({ stack: 'lambda-reuse-lab-dev', rootDir: process.cwd() });
 */
export async function createAwsTarget(options: AwsTargetOptions): Promise<Target> {
  const outputs = await readStackOutputs(options);
  const region = await stackRegion(outputs, options);
  const lambda = new LambdaClient({ maxAttempts: 3, ...(region !== undefined ? { region } : {}) });
  const ledger = new ColdStartLedger();
  return {
    kind: 'aws',
    lambda,
    apiBaseUrl: outputs.apiUrl,
    functionName(shortName) {
      const fn = outputs.functions[shortName];
      if (!fn) {
        throw new BenchTargetError(
          `the stack's outputs name no function "${shortName}"; they name ${Object.keys(outputs.functions).join(', ') || 'none'}`,
        );
      }
      return fn.name;
    },
    coldStart: { ...coldStartTiming, ledger },
    runtime: { label: 'nodejs24.x', node: '24.x (AWS managed runtime)' },
    async teardown() {
      try {
        await ledger.restore(lambda, coldStartTiming);
      } finally {
        lambda.destroy();
      }
    },
  };
}
