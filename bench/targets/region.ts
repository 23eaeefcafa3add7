import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StackOutputs } from './outputs';

const arnRegion = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):/;
const apiRegion = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com/;

/**
 * The region a deployed stack lives in, from what its outputs name: a function ARN, else the API's
 * `execute-api.<region>` host. Undefined for hand-written outputs that name neither.
 *
 * @example
 * regionFromOutputs({ apiUrl: 'https://x.execute-api.eu-west-1.amazonaws.com', functions: {} }); // 'eu-west-1'
 */
export function regionFromOutputs(outputs: StackOutputs): string | undefined {
  for (const fn of Object.values(outputs.functions)) {
    const match = fn.arn === undefined ? null : arnRegion.exec(fn.arn);
    if (match?.[1]) return match[1];
  }
  return apiRegion.exec(outputs.apiUrl)?.[1];
}

/**
 * The region the synthesized stack's AWS provider block names (`cdktf.out/stacks/<stack>/cdk.tf.json`),
 * or undefined when there is no such file or block.
 */
export async function regionFromSynthesizedStack(rootDir: string, stack: string): Promise<string | undefined> {
  const file = join(rootDir, 'cdktf.out', 'stacks', stack, 'cdk.tf.json');
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { provider?: { aws?: Array<{ region?: unknown }> } };
    const region = parsed.provider?.aws?.[0]?.region;
    return typeof region === 'string' && !region.includes('${') ? region : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stack's own region, so the benchmark never follows a profile that points elsewhere: the
 * outputs first (they describe what is deployed), then the synthesized provider block.
 *
 * @example
 * const region = await stackRegion(outputs, { rootDir, stack: 'lambda-reuse-lab-dev' });
 */
export async function stackRegion(
  outputs: StackOutputs,
  where: { rootDir: string; stack: string },
): Promise<string | undefined> {
  return regionFromOutputs(outputs) ?? (await regionFromSynthesizedStack(where.rootDir, where.stack));
}
