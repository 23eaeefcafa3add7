import { LambdaClient } from '@aws-sdk/client-lambda';
import { BenchTargetError } from './errors';
import { readStackOutputs } from './outputs';
import type { Target } from './types';

export interface AwsTargetOptions {
  readonly stack: string;
  readonly outputsFile?: string;
  readonly rootDir: string;
}

/**
 * A deployed stack: function names and the API URL from the stack's outputs, credentials and region
 * from the SDK's default chain (AWS_PROFILE, AWS_REGION, SSO, instance roles …).
 *
 * @example
 * const target = await createAwsTarget({ stack: 'lambda-reuse-lab-dev', rootDir: process.cwd() });
 */
export async function createAwsTarget(options: AwsTargetOptions): Promise<Target> {
  const outputs = await readStackOutputs(options);
  const lambda = new LambdaClient({ maxAttempts: 3 });
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
    coldStart: { pollMs: 1000, timeoutMs: 120_000 },
    runtime: { label: 'nodejs24.x', node: '24.x (AWS managed runtime)' },
    async teardown() {
      lambda.destroy();
    },
  };
}
