import { join } from 'node:path';
import { build } from 'esbuild';
import { BuildError } from './errors';
import type { ResolvedBuildOptions } from './options';

/** One function's bundle and source map, in memory. */
export interface Bundle {
  readonly js: Uint8Array;
  readonly map: Uint8Array;
}

/**
 * Bundles one handler with esbuild into CommonJS for the Lambda Node runtime.
 * Nothing is written: the caller writes the files and the zip, so both come from the same bytes.
 */
export async function bundleFunction(entryAbsolute: string, name: string, opts: ResolvedBuildOptions): Promise<Bundle> {
  const outfile = join(opts.outDirAbsolute, name, 'index.js');
  try {
    const result = await build({
      entryPoints: [entryAbsolute],
      outfile,
      absWorkingDir: opts.rootDir,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: opts.target,
      minify: opts.minify,
      // Error classes and breaker names stay readable in stack traces and logs after minifying.
      keepNames: true,
      // esbuild writes `sources` relative to the map's folder, so the map holds no absolute path.
      sourcemap: 'linked',
      // Stack traces need only the mappings; leaving the sources out keeps the zip small.
      sourcesContent: false,
      external: [...opts.external],
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
    });
    const js = result.outputFiles.find((f) => f.path === outfile);
    const map = result.outputFiles.find((f) => f.path === `${outfile}.map`);
    if (!js || !map) {
      throw new BuildError('EBUILD', `build: esbuild returned no bundle or no source map for function "${name}"`);
    }
    return { js: js.contents, map: map.contents };
  } catch (cause) {
    if (cause instanceof BuildError) throw cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new BuildError('EBUILD', `build: bundling function "${name}" from ${entryAbsolute} failed: ${detail}`, {
      cause,
    });
  }
}
