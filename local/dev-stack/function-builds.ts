import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type BuildTarget, createIncrementalBuild, type Rebuilt } from '../../scripts/build/index';
import type { CodeUpdate } from '../runtime';
import { writeCodeFolder } from './code-folder';
import { devStackOptionError } from './errors';
import { watchFolders } from './folder-watcher';

/** Every option of the dev builds, with its default. */
export const functionBuildDefaults = {
  /** Changes arriving within this long are one rebuild (an editor's save is often several writes). */
  debounceMs: 100,
  /** Rebuild on changes under `watchDir`; false builds once (for a debugger's source maps) and stops. */
  watch: true,
} as const;

/** What one rebuild did, for its one log line. */
export interface RebuildReport {
  /** The build at start (not a change): its code is served from the first request on. */
  readonly initial: boolean;
  /** Catalog names whose new code the runtime now serves (its environments retired). */
  readonly updated: readonly string[];
  /** Catalog names rebuilt to the bytes already served: nothing retired. */
  readonly unchanged: readonly string[];
  /** Catalog names whose build failed: their previous code keeps serving. */
  readonly failed: ReadonlyArray<{ readonly name: string; readonly message: string }>;
  readonly durationMs: number;
}

export interface FunctionBuildsOptions {
  /** The source root: esbuild's working folder, entries resolve against it. */
  readonly rootDir: string;
  /** The folder watched (recursively); the repository's `functions/`. */
  readonly watchDir: string;
  /** The functions built: catalog names and entries. */
  readonly targets: readonly BuildTarget[];
  /** The runtime's name for a catalog name (e.g. `hello` -> `lambda-reuse-lab-dev-hello`). */
  readonly functionName: (catalogName: string) => string;
  /** Where fresh code folders go (`<cacheDir>/code/<sha256>`), as the stack loader unpacks zips. */
  readonly cacheDir: string;
  /** The runtime whose functions get the new code. */
  readonly runtime: { updateFunctionCode(name: string, code: CodeUpdate): unknown };
  /** Catalog names bundled without minifying (for a debugger). */
  readonly unminified?: readonly string[];
  readonly debounceMs?: number;
  readonly watch?: boolean;
  /** Called after each build, the first included. */
  readonly onRebuild?: (report: RebuildReport) => void;
}

/** Running dev builds: stop them on shutdown. */
export interface FunctionBuilds {
  /** Resolves once no rebuild is running or due. */
  idle(): Promise<void>;
  /** Stops watching and frees esbuild's contexts. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Builds the functions with esbuild's incremental context and serves the result: each bundle goes
 * into a fresh code folder and the runtime's function is pointed at it (`updateFunctionCode`, which
 * retires its environments, so the next request is a cold start on the new code). With `watch`, a
 * change under `watchDir` rebuilds the functions whose bundle read the changed file (the metafile's
 * inputs: a change in `functions/kit/` rebuilds every function importing it); a build that fails is
 * reported and the previous code keeps serving. PostgreSQL, SSM and the APIs are not touched.
 *
 * @example
 * const builds = await startFunctionBuilds({ rootDir, watchDir: join(rootDir, 'functions'), targets: catalog,
 *   functionName: (n) => `lambda-reuse-lab-dev-${n}`, cacheDir, runtime, onRebuild: (r) => print(r) });
 * await builds.stop();
 */
export async function startFunctionBuilds(options: FunctionBuildsOptions): Promise<FunctionBuilds> {
  const o = { ...functionBuildDefaults, ...options };
  if (!Number.isInteger(o.debounceMs) || o.debounceMs < 0)
    throw devStackOptionError('debounceMs', o.debounceMs, 'an integer of at least 0 (ms)');
  if (!path.isAbsolute(o.rootDir)) throw devStackOptionError('rootDir', o.rootDir, 'an absolute path');
  const build = await createIncrementalBuild({
    rootDir: o.rootDir,
    functions: o.targets,
    unminified: o.unminified ?? [],
  });
  const served = new Map<string, string>();
  const runBuild = async (names: readonly string[], initial: boolean): Promise<void> => {
    const started = performance.now();
    const results = await build.rebuild(names);
    const updated: string[] = [];
    const unchanged: string[] = [];
    const failed: Array<{ name: string; message: string }> = [];
    for (const result of results) {
      if (!result.ok) failed.push({ name: result.name, message: result.error.message });
      else if (served.get(result.name) === result.zipSha256Base64) unchanged.push(result.name);
      else {
        await serve(o, result);
        served.set(result.name, result.zipSha256Base64);
        updated.push(result.name);
      }
    }
    o.onRebuild?.({ initial, updated, unchanged, failed, durationMs: performance.now() - started });
  };

  try {
    await runBuild(build.names, true);
  } catch (err) {
    await build.dispose();
    throw err;
  }
  if (!o.watch) {
    await build.dispose();
    return { idle: async () => {}, stop: async () => {} };
  }

  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const flush = (): void => {
    timer = undefined;
    if (stopped || changed.size === 0) return;
    // One rebuild at a time; changes meanwhile wait for the next.
    if (running) return;
    const files = [...changed];
    changed.clear();
    const names = build.affectedBy(files);
    if (names.length === 0) return;
    running = runBuild(names, false)
      .catch((err: unknown) =>
        o.onRebuild?.({
          initial: false,
          updated: [],
          unchanged: [],
          failed: names.map((name) => ({ name, message: (err as Error).message })),
          durationMs: 0,
        }),
      )
      .finally(() => {
        running = undefined;
        if (changed.size > 0) flush();
      });
  };
  const watcher = watchFolders(o.watchDir, (file) => {
    if (stopped) return;
    changed.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, o.debounceMs);
  });
  let stopping: Promise<void> | undefined;
  return {
    async idle() {
      while (timer !== undefined || running !== undefined) {
        if (running) await running;
        else await new Promise((r) => setTimeout(r, o.debounceMs));
      }
    },
    stop: () =>
      (stopping ??= (async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        watcher.close();
        await running;
        await build.dispose();
      })()),
  };
}

async function serve(o: FunctionBuildsOptions & { cacheDir: string }, rebuilt: Rebuilt): Promise<void> {
  const code = await writeCodeFolder(o.cacheDir, rebuilt);
  o.runtime.updateFunctionCode(o.functionName(rebuilt.name), code);
}

/**
 * The one line a rebuild prints, e.g. `watch: rebuilt hello, config (38 ms); next request is a cold start`.
 *
 * @example
 * formatRebuild({ initial: false, updated: ['hello'], unchanged: [], failed: [], durationMs: 38 });
 */
export function formatRebuild(r: RebuildReport): string {
  const ms = `${Math.round(r.durationMs)} ms`;
  const parts: string[] = [];
  if (r.updated.length > 0) parts.push(`rebuilt ${r.updated.join(', ')} (${ms}); next request is a cold start`);
  if (r.unchanged.length > 0) parts.push(`${r.unchanged.join(', ')} unchanged`);
  const lines = [`watch: ${parts.join('; ') || `nothing to update (${ms})`}`];
  for (const f of r.failed)
    lines.push(`watch: build of ${f.name} failed; its previous code keeps serving:\n${f.message}`);
  if (r.updated.length === 0 && r.unchanged.length === 0) lines.shift();
  return lines.join('\n');
}
