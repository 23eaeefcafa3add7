import type { TerraformJson } from '../stack';
import { DevStackError } from './errors';
import type { LambdaMode } from './options';

/**
 * The model a synthesized stack runs its functions on: managed-instances when any aws_lambda_function has a
 * `capacity_provider_config` (what `LAMBDA_MODE=managed-instances` synthesizes), else classic.
 *
 * @example
 * stackLambdaMode(JSON.parse(readFileSync('cdktf.out/stacks/lambda-reuse-lab-dev/cdk.tf.json', 'utf8')));
 */
export function stackLambdaMode(stack: TerraformJson): LambdaMode {
  const functions = Object.values(stack.resource?.aws_lambda_function ?? {}) as Array<Record<string, unknown>>;
  return functions.some((f) => f.capacity_provider_config !== undefined) ? 'managed-instances' : 'classic';
}

/**
 * Fails when the stack about to be served is not of the model asked for: a cdktf.out left by a synth in the
 * other mode must not be served as if it were this one.
 *
 * @throws DevStackError `ELAMBDAMODE`, saying how to get a stack of the right model.
 */
export function checkLambdaMode(
  stack: TerraformJson,
  expected: LambdaMode,
  source: { stackFile: string; synthesized: boolean },
): void {
  const actual = stackLambdaMode(stack);
  if (actual === expected) return;
  const fix = source.synthesized
    ? `it was synthesized with LAMBDA_MODE=${expected} but holds no such function: check infra/config.ts`
    : `start without --no-build (it synthesizes the ${expected} variant), or run \`LAMBDA_MODE=${expected} npm run synth\` first, or pass --lambda-mode ${actual}`;
  throw new DevStackError(
    'ELAMBDAMODE',
    `${source.stackFile} is the ${actual} variant of the stack, but --lambda-mode is ${expected}: ${fix}`,
  );
}
