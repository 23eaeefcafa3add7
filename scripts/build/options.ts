import { isAbsolute, join, resolve } from 'node:path';
import { functionCatalog } from '../../functions/catalog';
import { BuildOptionsError } from './errors';

/** What the build needs to know about one function: a name and a handler file. */
export interface BuildTarget {
  readonly name: string;
  /** Handler source, relative to `rootDir` (or absolute). */
  readonly entry: string;
}

/** Options for {@link buildFunctions}. */
export interface BuildFunctionsOptions {
  /** Folder the entries are resolved against; also esbuild's working directory. */
  rootDir: string;
  /** Where `<name>/index.js`, `<name>/index.js.map` and `<name>.zip` go. Relative paths resolve against rootDir. */
  outDir: string;
  /** The functions to build; the catalog by default. */
  functions: readonly BuildTarget[];
  /** Minify the bundle (identifiers, whitespace, syntax). */
  minify: boolean;
  /** esbuild target; must match the Lambda runtime (nodejs24.x). */
  target: string;
  /** Modules left out of the bundle. `pg-native` is an optional require of pg that Lambda does not have. */
  external: readonly string[];
}

export const buildDefaults: BuildFunctionsOptions = {
  rootDir: resolve(__dirname, '..', '..'),
  outDir: join('dist', 'functions'),
  functions: functionCatalog,
  minify: true,
  target: 'node24',
  external: ['pg-native'],
};

/** Options after validation, with absolute paths. */
export type ResolvedBuildOptions = BuildFunctionsOptions & { readonly outDirAbsolute: string };

// Lambda function names allow letters, digits, hyphen and underscore; the name also becomes a folder and a zip name.
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** The one place build options are checked. */
export function resolveBuildOptions(options: Partial<BuildFunctionsOptions> = {}): ResolvedBuildOptions {
  const opts: BuildFunctionsOptions = { ...buildDefaults, ...options };
  if (typeof opts.rootDir !== 'string' || !isAbsolute(opts.rootDir)) {
    throw new BuildOptionsError(`build: rootDir must be an absolute path, got ${JSON.stringify(opts.rootDir)}`);
  }
  if (typeof opts.outDir !== 'string' || opts.outDir.length === 0) {
    throw new BuildOptionsError(`build: outDir must be a non-empty path, got ${JSON.stringify(opts.outDir)}`);
  }
  if (!Array.isArray(opts.functions) || opts.functions.length === 0) {
    throw new BuildOptionsError(
      `build: functions must be a non-empty list of {name, entry}, got ${JSON.stringify(opts.functions)}`,
    );
  }
  const seen = new Set<string>();
  for (const fn of opts.functions) {
    if (!FUNCTION_NAME.test(fn.name)) {
      throw new BuildOptionsError(
        `build: function name ${JSON.stringify(fn.name)} is not allowed; use 1-64 of A-Z a-z 0-9 _ -`,
      );
    }
    if (seen.has(fn.name)) throw new BuildOptionsError(`build: function name "${fn.name}" appears twice`);
    seen.add(fn.name);
    if (typeof fn.entry !== 'string' || fn.entry.length === 0) {
      throw new BuildOptionsError(
        `build: function "${fn.name}" entry must be a non-empty path, got ${JSON.stringify(fn.entry)}`,
      );
    }
  }
  if (!/^node\d+$/.test(opts.target)) {
    throw new BuildOptionsError(`build: target must look like "node24", got ${JSON.stringify(opts.target)}`);
  }
  return { ...opts, outDirAbsolute: resolve(opts.rootDir, opts.outDir) };
}
