import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildContext, context } from 'esbuild';
import { bundleFrom, bundleOutfile, esbuildOptions } from './bundle';
import { BuildError, MissingEntryError } from './errors';
import { type BuildFunctionsOptions, type ResolvedBuildOptions, resolveBuildOptions } from './options';
import { deterministicZip } from './zip';

/** One function rebuilt: its files in memory, the zip Lambda would get, and what it read. */
export interface Rebuilt {
  readonly name: string;
  readonly ok: true;
  readonly js: Uint8Array;
  readonly map: Uint8Array;
  /** Base64 SHA-256 of the deterministic zip of the two files (Lambda's CodeSha256). */
  readonly zipSha256Base64: string;
  readonly zipBytes: number;
}

/** One function whose rebuild failed: what esbuild said. */
export interface RebuildFailed {
  readonly name: string;
  readonly ok: false;
  readonly error: BuildError;
}

export type RebuildResult = Rebuilt | RebuildFailed;

/** Options for {@link createIncrementalBuild}: the build's, and which functions are bundled for a debugger. */
export interface IncrementalBuildOptions extends BuildFunctionsOptions {
  /** Functions bundled without minifying, so a debugger shows the source's own variable names. */
  unminified: readonly string[];
}

/** The build of a fixed set of functions, kept warm for rebuilds (esbuild's incremental context). */
export interface IncrementalBuild {
  /** Rebuilds the named functions (all by default), one at a time; a failure is a result, not a throw. */
  rebuild(names?: readonly string[]): Promise<RebuildResult[]>;
  /**
   * The functions whose last bundle read any of `files` (absolute paths, from the esbuild metafile).
   * A function never bundled yet counts as affected by every change.
   */
  affectedBy(files: readonly string[]): string[];
  /** The functions, in catalog order. */
  readonly names: readonly string[];
  /** Frees esbuild's contexts. Safe to call twice. */
  dispose(): Promise<void>;
}

interface Target {
  readonly name: string;
  readonly entry: string;
  readonly ctx: BuildContext<{ write: false; metafile: true }>;
  readonly outfile: string;
  /** Absolute paths of what the last successful bundle read; undefined before the first. */
  inputs: ReadonlySet<string> | undefined;
}

/**
 * esbuild contexts for the catalog's functions (or the given ones), with the build's own settings,
 * so a file change rebuilds only the functions that read it, in tens of milliseconds. The source
 * map's `sourceRoot` is the bundle's folder as an absolute path: a debugger attached to a bundle
 * copied anywhere (the local code cache) still finds the sources. Such bundles are for this machine,
 * never for a deployment (the build's zips keep their maps free of absolute paths).
 *
 * @example
 * const build = await createIncrementalBuild({ rootDir: '/repo' });
 * const [hello] = await build.rebuild(build.affectedBy(['/repo/functions/hello/handler.ts']));
 * await build.dispose();
 */
export async function createIncrementalBuild(
  options: Partial<IncrementalBuildOptions> = {},
): Promise<IncrementalBuild> {
  const { unminified = [], ...rest } = options;
  const opts = resolveBuildOptions(rest);
  const resolved = opts.functions.map((fn) => ({ ...fn, resolved: resolve(opts.rootDir, fn.entry) }));
  const missing = resolved.filter((t) => !existsSync(t.resolved));
  if (missing.length > 0) throw new MissingEntryError(missing);
  const targets: Target[] = [];
  try {
    for (const fn of resolved) targets.push(await targetFor(fn.name, fn.resolved, opts, unminified.includes(fn.name)));
  } catch (err) {
    await Promise.all(targets.map((t) => t.ctx.dispose()));
    throw err;
  }
  let disposed: Promise<void> | undefined;
  return {
    names: targets.map((t) => t.name),
    async rebuild(names) {
      const chosen = names === undefined ? targets : targets.filter((t) => names.includes(t.name));
      const out: RebuildResult[] = [];
      // One at a time, as the build does: esbuild is parallel inside, and the cores are shared.
      for (const t of chosen) out.push(await rebuildOne(t, opts.rootDir));
      return out;
    },
    affectedBy(files) {
      return targets
        .filter((t) => t.inputs === undefined || files.some((f) => t.inputs?.has(f) || f === t.entry))
        .map((t) => t.name);
    },
    dispose: () => (disposed ??= Promise.all(targets.map((t) => t.ctx.dispose())).then(() => {})),
  };
}

async function targetFor(
  name: string,
  entry: string,
  opts: ResolvedBuildOptions,
  unminified: boolean,
): Promise<Target> {
  const outfile = bundleOutfile(name, opts);
  const ctx = await context({
    ...esbuildOptions(entry, name, unminified ? { ...opts, minify: false } : opts),
    write: false,
    metafile: true,
    // A file URL: DevTools and VS Code resolve `sourceRoot + source` as a URL.
    sourceRoot: `${pathToFileURL(dirname(outfile)).href}/`,
  });
  return { name, entry, ctx, outfile, inputs: undefined };
}

async function rebuildOne(t: Target, rootDir: string): Promise<RebuildResult> {
  try {
    const result = await t.ctx.rebuild();
    const { js, map } = bundleFrom(result.outputFiles, t.outfile, t.name);
    t.inputs = new Set(Object.keys(result.metafile.inputs).map((input) => resolve(rootDir, input)));
    const zip = deterministicZip([
      ['index.js', js],
      ['index.js.map', map],
    ]);
    return {
      name: t.name,
      ok: true,
      js,
      map,
      zipSha256Base64: createHash('sha256').update(zip).digest('base64'),
      zipBytes: zip.byteLength,
    };
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const error =
      cause instanceof BuildError
        ? cause
        : new BuildError('EBUILD', `build: bundling function "${t.name}" failed: ${detail}`, { cause });
    return { name: t.name, ok: false, error };
  }
}
