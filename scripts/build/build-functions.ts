import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundleFunction } from './bundle';
import { MissingEntryError } from './errors';
import { type BuildFunctionsOptions, resolveBuildOptions } from './options';
import { deterministicZip } from './zip';

/** What the build produced for one function. */
export interface BuiltFunction {
  readonly name: string;
  /** Absolute paths. */
  readonly bundlePath: string;
  readonly mapPath: string;
  readonly zipPath: string;
  readonly bundleBytes: number;
  readonly mapBytes: number;
  readonly zipBytes: number;
  /** Base64 SHA-256 of the zip: what Lambda reports as CodeSha256 and Terraform wants as source_code_hash. */
  readonly zipSha256Base64: string;
}

/**
 * Bundles every function with esbuild and packs each into a deterministic zip:
 * `<outDir>/<name>/index.js`, `<outDir>/<name>/index.js.map` and `<outDir>/<name>.zip`.
 * Unchanged sources give byte-identical files. All entries are checked before anything is built,
 * so a missing handler fails at once with a {@link MissingEntryError} naming every missing file.
 *
 * @example
 * // the whole catalog into dist/functions
 * const built = await buildFunctions();
 * // one fixture into a temp folder
 * await buildFunctions({ rootDir: tmp, outDir: 'out', functions: [{ name: 'fixture', entry: 'handler.ts' }] });
 */
export async function buildFunctions(options: Partial<BuildFunctionsOptions> = {}): Promise<BuiltFunction[]> {
  const opts = resolveBuildOptions(options);
  const targets = opts.functions.map((fn) => ({ ...fn, resolved: resolve(opts.rootDir, fn.entry) }));
  const missing = targets.filter((t) => !existsSync(t.resolved));
  if (missing.length > 0) throw new MissingEntryError(missing);

  const built: BuiltFunction[] = [];
  // One at a time: esbuild is already parallel inside, and the machine has two cores shared with other work.
  for (const target of targets) {
    const { js, map } = await bundleFunction(target.resolved, target.name, opts);
    const zip = deterministicZip([
      ['index.js', js],
      ['index.js.map', map],
    ]);
    const dir = join(opts.outDirAbsolute, target.name);
    const bundlePath = join(dir, 'index.js');
    const mapPath = join(dir, 'index.js.map');
    const zipPath = join(opts.outDirAbsolute, `${target.name}.zip`);
    await mkdir(dir, { recursive: true });
    await writeFile(bundlePath, js);
    await writeFile(mapPath, map);
    await writeFile(zipPath, zip);
    built.push({
      name: target.name,
      bundlePath,
      mapPath,
      zipPath,
      bundleBytes: js.byteLength,
      mapBytes: map.byteLength,
      zipBytes: zip.byteLength,
      zipSha256Base64: createHash('sha256').update(zip).digest('base64'),
    });
  }
  return built;
}
