import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildAll, startDevStack, synthesize, synthesizedStackFile } from '../../local/dev-stack';
import type { ExecutionModel } from '../schema';
import type { LocalTargetOptions, RunningLocalStack } from './local';

/** The synth output folder of one model: beside the shared cdktf.out, never it, so no one's synth is clobbered. */
export function modelSynthDir(rootDir: string, model: ExecutionModel): string {
  return join(rootDir, '.local', 'bench-models', model === 'classic' ? 'cdktf.out-classic' : 'cdktf.out-lmi');
}

/**
 * Synthesizes the stack in one model (`LAMBDA_MODE=classic|managed-instances`) into its own folder
 * (`CDKTF_OUTDIR`), with the dev stack's own synth, and returns the synthesized cdk.tf.json of its one stack.
 *
 * @throws PrepareError when the synth fails; MissingArtifactError when its manifest does not name one stack.
 * @example
 * const stackFile = await synthesizeModelStack('/repo', 'managed-instances');
 */
export async function synthesizeModelStack(rootDir: string, model: ExecutionModel): Promise<string> {
  const outDir = modelSynthDir(rootDir, model);
  await mkdir(outDir, { recursive: true });
  await synthesize(rootDir, model, outDir);
  return synthesizedStackFile(rootDir, outDir);
}

/** Builds dist/functions with the project's build, which both models' stacks package. */
export async function buildFunctions(rootDir: string): Promise<void> {
  await buildAll(rootDir);
}

/**
 * Starts the local stack from one model's synth (`stackFile`, so the dev stack neither builds nor synths),
 * on free ports and its own PostgreSQL data folder, as the benchmark's other target does.
 *
 * @example
 * const start = startModelDevStack(await synthesizeModelStack(rootDir, 'classic'));
 * const target = await createLocalTarget({ rootDir, build: false }, start);
 */
export function startModelDevStack(stackFile: string): (options: LocalTargetOptions) => Promise<RunningLocalStack> {
  return async (options) => {
    const stack = await startDevStack({
      rootDir: options.rootDir,
      stackFile,
      build: false,
      httpPort: 0,
      lambdaPort: 0,
      ssmPort: 0,
      pgPort: 0,
      pgDataDir: '.local/bench-models-pg',
      secretsFile: '.local/bench-models-secrets.json',
      ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { httpApiUrl: stack.urls.httpApi, lambdaUrl: stack.urls.lambda, stop: () => stack.stop() };
  };
}
