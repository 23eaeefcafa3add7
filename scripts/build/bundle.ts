import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { BuildError } from './errors';
import type { ResolvedBuildOptions } from './options';

/** One function's bundle and source map, in memory. */
export interface Bundle {
  readonly js: Uint8Array;
  readonly map: Uint8Array;
}

/** Where esbuild is told the bundle goes (nothing is written there by esbuild itself). */
export function bundleOutfile(name: string, opts: ResolvedBuildOptions): string {
  return join(opts.outDirAbsolute, name, 'index.js');
}

/**
 * The esbuild settings of one function's bundle: the build's and the watcher's (scripts/build/incremental.ts),
 * so a rebuilt bundle is the same program as the built one.
 */
export function esbuildOptions(entryAbsolute: string, name: string, opts: ResolvedBuildOptions): BuildOptions {
  return {
    entryPoints: [entryAbsolute],
    outfile: bundleOutfile(name, opts),
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
  };
}

/** The bundle and map among esbuild's output files; a BuildError when either is missing. */
export function bundleFrom(
  outputFiles: readonly { path: string; contents: Uint8Array }[] | undefined,
  outfile: string,
  name: string,
): Bundle {
  const js = outputFiles?.find((f) => f.path === outfile);
  const map = outputFiles?.find((f) => f.path === `${outfile}.map`);
  if (!js || !map) {
    throw new BuildError('EBUILD', `build: esbuild returned no bundle or no source map for function "${name}"`);
  }
  return { js: js.contents, map: map.contents };
}

/**
 * Bundles one handler with esbuild into CommonJS for the Lambda Node runtime.
 * Nothing is written: the caller writes the files and the zip, so both come from the same bytes.
 */
export async function bundleFunction(entryAbsolute: string, name: string, opts: ResolvedBuildOptions): Promise<Bundle> {
  try {
    const result = await build(esbuildOptions(entryAbsolute, name, opts));
    return bundleFrom(result.outputFiles, bundleOutfile(name, opts), name);
  } catch (cause) {
    if (cause instanceof BuildError) throw cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new BuildError('EBUILD', `build: bundling function "${name}" from ${entryAbsolute} failed: ${detail}`, {
      cause,
    });
  }
}
