import { isAbsolute, join, resolve } from 'node:path';
import { InvalidOptionError } from '../../common/errors';
import { functionCatalog } from '../../functions/catalog';

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

function fail(option: string, value: unknown, allowed: string): never {
  throw new InvalidOptionError({ component: 'build', option, value, allowed }, 'EBUILDOPTIONS');
}

/** The one place build options are checked. */
export function resolveBuildOptions(options: Partial<BuildFunctionsOptions> = {}): ResolvedBuildOptions {
  const opts: BuildFunctionsOptions = { ...buildDefaults, ...options };
  if (typeof opts.rootDir !== 'string' || !isAbsolute(opts.rootDir)) {
    fail('rootDir', opts.rootDir, 'an absolute path');
  }
  if (typeof opts.outDir !== 'string' || opts.outDir.length === 0) {
    fail('outDir', opts.outDir, 'a non-empty path');
  }
  if (!Array.isArray(opts.functions) || opts.functions.length === 0) {
    fail('functions', opts.functions, 'a non-empty list of {name, entry}');
  }
  const seen = new Set<string>();
  for (const fn of opts.functions) {
    if (!FUNCTION_NAME.test(fn.name)) {
      fail('functions[].name', fn.name, '1-64 of A-Z a-z 0-9 _ -');
    }
    if (seen.has(fn.name)) fail('functions[].name', fn.name, 'a name no other function has');
    seen.add(fn.name);
    if (typeof fn.entry !== 'string' || fn.entry.length === 0) {
      fail(`functions[].entry (of "${fn.name}")`, fn.entry, 'a non-empty path');
    }
  }
  if (!/^node\d+$/.test(opts.target)) {
    fail('target', opts.target, 'an esbuild target such as "node24"');
  }
  return { ...opts, outDirAbsolute: resolve(opts.rootDir, opts.outDir) };
}
