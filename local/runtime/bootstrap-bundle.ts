import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { build } from 'esbuild';

// Next to this file when run from source; from the repository root when this module is bundled.
const sources = [
  path.join(__dirname, 'bootstrap', 'bootstrap.ts'),
  path.resolve('local', 'runtime', 'bootstrap', 'bootstrap.ts'),
];

/**
 * Bundles the bootstrap to one CommonJS file in the cache folder, keyed by its sources' hash,
 * so each environment starts by loading one small file and no TypeScript tooling.
 *
 * @example
 * const bootstrapFile = await bundleBootstrap('.local/lambda-cache');
 */
export async function bundleBootstrap(cacheDir: string): Promise<string> {
  let source = sources[0] as string;
  for (const candidate of sources) {
    if (
      await stat(candidate).then(
        () => true,
        () => false,
      )
    ) {
      source = candidate;
      break;
    }
  }
  const hash = await sourcesHash(source);
  const dir = path.resolve(cacheDir, 'bootstrap');
  const file = path.join(dir, `bootstrap-${hash}.js`);
  if (
    await stat(file).then(
      () => true,
      () => false,
    )
  )
    return file;
  await mkdir(dir, { recursive: true });
  const result = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no bootstrap output');
  // Write then rename, so a concurrent start never loads a half-written file.
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, output.contents);
  await rename(temp, file);
  return file;
}

/**
 * The hash of every file the bundle may contain: the entry's folder and the project's `common/`,
 * the only code the bootstrap may import besides AWS's `@aws/lambda-invoke-store` (whose code is hashed). Hashing the entry alone would keep a stale bundle
 * after a change to one of its modules.
 */
async function sourcesHash(entry: string): Promise<string> {
  const bootstrapDir = path.dirname(entry);
  const hash = createHash('sha256');
  for (const dir of [bootstrapDir, path.resolve(bootstrapDir, '..', '..', '..', 'common')]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.ts')).sort()) {
      hash.update(`${path.relative(bootstrapDir, path.join(dir, name))}\0`);
      hash.update(await readFile(path.join(dir, name)));
    }
  }
  // The one package it bundles: AWS's per-invocation store (its exports hide package.json; its code will do).
  hash.update(await readFile(require.resolve('@aws/lambda-invoke-store')));
  return hash.digest('hex').slice(0, 16);
}
