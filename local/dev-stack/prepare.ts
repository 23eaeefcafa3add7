import { spawn } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { join, resolve as resolvePath } from 'node:path';
import { buildFunctions } from '../../scripts/build/index';
import { MissingArtifactError, PrepareError } from './errors';
import type { LambdaMode } from './options';

/** Where `tsx main.ts` writes the synthesized stacks unless told another folder (CDKTF_OUTDIR). */
const defaultOutDir = 'cdktf.out';

/**
 * Builds the functions (dist/functions) with the project's own build, in this process.
 *
 * @example
 * await buildAll('/repo');
 */
export async function buildAll(rootDir: string): Promise<string[]> {
  try {
    const built = await buildFunctions({ rootDir });
    return built.map((b) => b.name);
  } catch (err) {
    throw new PrepareError(`building the functions failed: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Synthesizes the stack with `tsx main.ts` (what `cdktf synth` runs after its build), in a child
 * process because main.ts synthesizes at import. STAGE, DB_MODE, APP_PREFIX... pass through the env;
 * LAMBDA_MODE is `lambdaMode`, whatever this process's env holds, so the synth is the model served.
 * `outDir` (relative to `rootDir`, or absolute) goes to cdktf's App as CDKTF_OUTDIR.
 */
export async function synthesize(
  rootDir: string,
  lambdaMode: LambdaMode = 'classic',
  outDir: string = defaultOutDir,
): Promise<void> {
  const tsx = join(rootDir, 'node_modules', '.bin', 'tsx');
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(tsx, ['main.ts'], {
      cwd: rootDir,
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: '1',
        LAMBDA_MODE: lambdaMode,
        CDKTF_OUTDIR: resolvePath(rootDir, outDir),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0)
    throw new PrepareError(
      `synthesizing the stack (tsx main.ts) failed with exit code ${code}:\n${output.join('').trim()}`,
    );
}

/**
 * The stack file to serve: the one stack in `<outDir>/manifest.json` (cdktf.out). Fails with what to run
 * when nothing was synthesized, or when several stacks leave the choice open.
 */
export async function synthesizedStackFile(rootDir: string, outDir: string = defaultOutDir): Promise<string> {
  const manifestFile = join(resolvePath(rootDir, outDir), 'manifest.json');
  let manifest: { stacks?: Record<string, { synthesizedStackPath?: string }> };
  try {
    manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as typeof manifest;
  } catch (err) {
    throw new MissingArtifactError(
      `No synthesized stack: ${manifestFile} is missing or unreadable. Run \`npm run build && npm run synth\` (or \`npm start\` without --no-build).`,
      { cause: err },
    );
  }
  const stacks = Object.entries(manifest.stacks ?? {});
  if (stacks.length !== 1) {
    throw new MissingArtifactError(
      `cdktf.out holds ${stacks.length} stacks (${stacks.map(([n]) => n).join(', ') || 'none'}); choose one with --stack cdktf.out/stacks/<name>/cdk.tf.json`,
    );
  }
  const file = join(resolvePath(rootDir, outDir), stacks[0]?.[1].synthesizedStackPath ?? '');
  await access(file).catch((err: unknown) => {
    throw new MissingArtifactError(`The manifest names ${file}, which does not exist. Run \`npm run synth\` again.`, {
      cause: err,
    });
  });
  return file;
}
