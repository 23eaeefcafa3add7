import { functionCatalog } from '../../functions/catalog';
import type { BuildTarget } from '../../scripts/build/index';
import { devStackOptionError } from './errors';

/**
 * The deployed names of the functions to start with the inspector: every function (`true`), none,
 * or each one named by its short name (`hello`) or deployed name. A name of no function fails,
 * listing the names allowed.
 *
 * @example
 * inspectedFunctions(['hello'], new Map([['lab-dev-hello', 'hello']])); // ['lab-dev-hello']
 */
export function inspectedFunctions(inspect: boolean | readonly string[], short: ReadonlyMap<string, string>): string[] {
  if (inspect === true) return [...short.keys()];
  if (inspect === false) return [];
  return inspect.map((wanted) => {
    const found = [...short].find(([name, shortName]) => wanted === name || wanted === shortName);
    if (!found)
      throw devStackOptionError('inspect', wanted, `a function of the stack: ${[...short.values()].join(', ')}`);
    return found[0];
  });
}

/** The catalog's functions that the stack serves (by short name), as build targets for the watcher. */
export function watchTargets(short: ReadonlyMap<string, string>): BuildTarget[] {
  const served = new Set(short.values());
  return functionCatalog.filter((fn) => served.has(fn.name)).map((fn) => ({ name: fn.name, entry: fn.entry }));
}
