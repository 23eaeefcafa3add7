import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type FunctionSpec, functionCatalog } from '../../functions/catalog';
import { type App, Testing } from '../../infra/cdktf';
import { LambdaReuseLabStack, resolveStageConfigs, type StageConfig } from '../../infra/index';
import { buildFunctions } from '../../scripts/build/index';

const repoRoot = resolve(__dirname, '..', '..');

/**
 * Builds a stand-in bundle for every catalog function from one tiny handler, through the real build.
 * The stack tests are about the stack's shape, so they do not wait for (or depend on) the real handlers.
 */
export async function buildStandInBundles(): Promise<{ rootDir: string; bundlesDir: string; cleanup: () => void }> {
  const artifacts = join(repoRoot, 'test', 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const rootDir = mkdtempSync(join(artifacts, 'infra-'));
  writeFileSync(
    join(rootDir, 'handler.ts'),
    `export async function handler() { return { statusCode: 200, headers: {}, body: 'stand-in' }; }\n`,
  );
  await buildFunctions({
    rootDir,
    outDir: 'bundles',
    functions: functionCatalog.map((f) => ({ name: f.name, entry: 'handler.ts' })),
  });
  return {
    rootDir,
    bundlesDir: join(rootDir, 'bundles'),
    cleanup: () => rmSync(rootDir, { recursive: true, force: true }),
  };
}

/** A stage config from env-style values, the way main.ts builds it. */
export function stageConfig(env: Record<string, string> = {}): StageConfig {
  const [config] = resolveStageConfigs({ env, context: () => undefined });
  if (!config) throw new Error('expected one stage config');
  return config;
}

/** The parsed cdk.tf.json of one synthesized stack. */
export interface SynthesizedStack {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; sensitive?: boolean }>;
  provider?: Record<string, unknown>;
  terraform?: Record<string, unknown>;
}

/** Synthesizes a stack in memory and parses it. */
export function synthStack(
  env: Record<string, string>,
  bundlesDir: string,
  functions?: readonly FunctionSpec[],
): { json: string; parsed: SynthesizedStack; stack: LambdaReuseLabStack; app: App } {
  const app = Testing.app();
  const config = { ...stageConfig(env), bundlesDir };
  const stack = new LambdaReuseLabStack(app, 'test', { config, functions });
  const json = Testing.synth(stack);
  return { json, parsed: JSON.parse(json) as SynthesizedStack, stack, app };
}

/**
 * The Terraform key of a catalog function's resources (`config-naive` -> `config_naive`). Written out here, not
 * taken from infra/terraform-id.ts, so the tests state the expected keys instead of repeating the code under test.
 */
export function terraformKey(functionName: string): string {
  return functionName.replace(/-/g, '_');
}

/** The resources of one type, by key; empty when there are none. */
export function resources(parsed: SynthesizedStack, type: string): Record<string, Record<string, unknown>> {
  return parsed.resource[type] ?? {};
}

/** Every IAM statement in every inline role policy, with the policy's key. */
export function iamStatements(
  parsed: SynthesizedStack,
): { policy: string; statement: { Sid: string; Action: string[]; Resource: string[]; Condition?: unknown } }[] {
  return Object.entries(resources(parsed, 'aws_iam_role_policy')).flatMap(([key, p]) => {
    const doc = JSON.parse(String(p.policy)) as { Statement: { Sid: string; Action: string[]; Resource: string[] }[] };
    return doc.Statement.map((statement) => ({ policy: key, statement }));
  });
}
