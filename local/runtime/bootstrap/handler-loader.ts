import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HandlerNotFoundError, ImportModuleError, MalformedHandlerNameError, UserCodeSyntaxError } from './errors';

/** A function's handler; callback-style handlers take the third parameter. */
export type Handler = (
  event: unknown,
  context: unknown,
  callback?: (err?: unknown, result?: unknown) => void,
) => unknown;

/** Loads an ES module by URL; returns its namespace. */
export type ImportModule = (specifier: string) => Promise<Record<string, unknown>>;

export interface LoadHandlerOptions {
  /** `_HANDLER`: `module.export`, e.g. `index.handler` or `src/app.api.get`. */
  readonly handler: string;
  /** `LAMBDA_TASK_ROOT`, against which the module resolves. */
  readonly taskRoot: string;
  /** How ES modules load; the default is the real dynamic import. */
  readonly importModule?: ImportModule;
}

// esbuild would turn a plain import() into require() in a CommonJS bundle; this keeps the real one.
const dynamicImport = new Function('specifier', 'return import(specifier)') as ImportModule;

/**
 * Resolves `_HANDLER` against the task root and loads it as Lambda's Node runtime does: `.js`
 * (CommonJS, or ESM under a `"type": "module"` package.json), `.mjs` or `.cjs`, an ES module's
 * top-level await included. An ES module's handler may also sit on its default export.
 *
 * @throws {MalformedHandlerNameError | ImportModuleError | UserCodeSyntaxError | HandlerNotFoundError}
 *   and whatever the module's own code throws while it loads
 * @example
 * const handler = await loadHandler({ handler: 'index.handler', taskRoot: '/var/task' });
 */
export async function loadHandler(options: LoadHandlerOptions): Promise<Handler> {
  const handlerString = options.handler;
  const match = /^(.*?[^/]*?)\.([^/]+)$/.exec(handlerString);
  if (!match) throw new MalformedHandlerNameError('Bad handler');
  const [, moduleName = '', exportPath = ''] = match;
  const { file, esm } = findModule(options.taskRoot, moduleName);
  let mod: Record<string, unknown>;
  try {
    mod = esm
      ? await (options.importModule ?? dynamicImport)(pathToFileURL(file).href)
      : (require(file) as Record<string, unknown>);
  } catch (err) {
    if (err instanceof SyntaxError) throw new UserCodeSyntaxError(`${err.name}: ${err.message}`, { cause: err });
    throw err;
  }
  let target: unknown = mod;
  for (const part of exportPath.split('.')) target = (target as Record<string, unknown> | undefined)?.[part];
  if (target === undefined && esm) {
    target = mod.default;
    for (const part of exportPath.split('.')) target = (target as Record<string, unknown> | undefined)?.[part];
  }
  if (typeof target !== 'function') throw new HandlerNotFoundError(`${handlerString} is undefined or not exported`);
  return target as Handler;
}

/**
 * The handler module's file, tried as `.js`, `.mjs` then `.cjs`, and whether it is an ES module.
 *
 * @example
 * findModule('/var/task', 'index'); // { file: '/var/task/index.mjs', esm: true }
 */
export function findModule(taskRoot: string, moduleName: string): { file: string; esm: boolean } {
  const base = path.resolve(taskRoot, moduleName);
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = base + ext;
    if (fs.existsSync(file)) return { file, esm: ext === '.mjs' || (ext === '.js' && nearestTypeIsModule(file)) };
  }
  throw new ImportModuleError(`Error: Cannot find module '${moduleName}'`);
}

function nearestTypeIsModule(file: string): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}
