import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDevStack } from '../../local/dev-stack';
import type { ExecutionModel } from '../schema';
import { BenchTargetError } from './errors';
import type { LocalTargetOptions, RunningLocalStack } from './local';

/** How long a build or a synth may take before the benchmark gives up. */
const STEP_TIMEOUT_MS = 300_000;

/** Runs `tsx <script>` in the repository with extra env, bounded; fails with its output. */
function runTsx(rootDir: string, script: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(rootDir, 'node_modules', '.bin', 'tsx'), [script], {
      cwd: rootDir,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new BenchTargetError(`tsx ${script} exited ${code}:\n${output.join('').trim().slice(-2000)}`));
    });
  });
}

/** The synth output folder of one model: beside the shared cdktf.out, never it, so no one's synth is clobbered. */
export function modelSynthDir(rootDir: string, model: ExecutionModel): string {
  return join(rootDir, '.local', 'bench-models', model === 'classic' ? 'cdktf.out-classic' : 'cdktf.out-lmi');
}

/**
 * Synthesizes the stack in one model (`LAMBDA_MODE=classic|managed-instances`) into its own folder
 * (`CDKTF_OUTDIR`), and returns the synthesized cdk.tf.json of its one stack.
 *
 * @throws BenchTargetError when the synth fails or its manifest does not name exactly one stack.
 * @example
 * const stackFile = await synthesizeModelStack('/repo', 'managed-instances');
 */
export async function synthesizeModelStack(rootDir: string, model: ExecutionModel): Promise<string> {
  const outDir = modelSynthDir(rootDir, model);
  await mkdir(outDir, { recursive: true });
  await runTsx(rootDir, 'main.ts', { CDKTF_OUTDIR: outDir, LAMBDA_MODE: model });
  const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as {
    stacks?: Record<string, { synthesizedStackPath?: string }>;
  };
  const stacks = Object.values(manifest.stacks ?? {});
  if (stacks.length !== 1 || !stacks[0]?.synthesizedStackPath)
    throw new BenchTargetError(`${outDir}/manifest.json names ${stacks.length} stacks; expected one (set STAGE)`);
  return join(outDir, stacks[0].synthesizedStackPath);
}

/** Builds dist/functions (`npm run build`), which both models' stacks package. */
export function buildFunctions(rootDir: string): Promise<void> {
  return runTsx(rootDir, 'scripts/build.ts', {});
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
