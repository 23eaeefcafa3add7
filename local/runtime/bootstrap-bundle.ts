import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { build } from 'esbuild';

// Next to this file when run from source; from the repository root when this module is bundled.
const sources = [
  path.join(__dirname, 'bootstrap', 'bootstrap.ts'),
  path.resolve('local', 'runtime', 'bootstrap', 'bootstrap.ts'),
];

/**
 * Bundles the bootstrap to one CommonJS file in the cache folder, keyed by its source's hash,
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
  const text = await readFile(source);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
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
