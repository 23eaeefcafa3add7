import type { FunctionDefinition } from '../runtime';
import { devStackOptionError } from './errors';

/** An environment variable set over the stack's own: on one function, or on all when `function` is absent. */
export interface EnvOverride {
  /** The catalog's short name (`config`) or the deployed name (`lambda-reuse-lab-dev-config`). */
  readonly function?: string;
  readonly name: string;
  readonly value: string;
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses `config.CONFIG_TTL_MS=1000` (one function) or `LOG_LEVEL=debug` (every function).
 *
 * @example
 * parseEnvOverride('breaker.BREAKER_RESET_MS=500'); // { function: 'breaker', name: 'BREAKER_RESET_MS', value: '500' }
 */
export function parseEnvOverride(text: string): EnvOverride {
  const at = text.indexOf('=');
  const key = at > 0 ? text.slice(0, at) : '';
  const dot = key.indexOf('.');
  const fn = dot > 0 ? key.slice(0, dot) : undefined;
  const name = dot > 0 ? key.slice(dot + 1) : key;
  if (!envName.test(name)) {
    throw devStackOptionError(
      'env',
      text,
      '[<function>.]<NAME>=<value>, e.g. config.CONFIG_TTL_MS=1000 or LOG_LEVEL=debug',
    );
  }
  return { ...(fn !== undefined ? { function: fn } : {}), name, value: text.slice(at + 1) };
}

/** The name a function goes by locally: the deployed name without the `<prefix>-<stage>-` every function shares. */
export function shortNames(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (names.length < 2) {
    for (const n of names) out.set(n, n.split('-').pop() ?? n);
    return out;
  }
  const parts = names.map((n) => n.split('-'));
  let common = 0;
  const first = parts[0] ?? [];
  while (common < first.length - 1 && parts.every((p) => p.length > common + 1 && p[common] === first[common]))
    common += 1;
  for (const [i, n] of names.entries()) out.set(n, (parts[i] ?? []).slice(common).join('-'));
  return out;
}

/**
 * Applies the overrides to the functions' environments; an override naming no function fails,
 * listing the names allowed.
 */
export function applyEnvOverrides(
  functions: readonly FunctionDefinition[],
  overrides: readonly EnvOverride[],
): FunctionDefinition[] {
  const short = shortNames(functions.map((f) => f.name));
  for (const o of overrides) {
    if (o.function !== undefined && !functions.some((f) => f.name === o.function || short.get(f.name) === o.function)) {
      throw devStackOptionError(
        'env',
        `${o.function}.${o.name}`,
        `a function of the stack: ${[...short.values()].join(', ')}`,
      );
    }
  }
  return functions.map((fn) => {
    const mine = overrides.filter(
      (o) => o.function === undefined || o.function === fn.name || o.function === short.get(fn.name),
    );
    if (mine.length === 0) return fn;
    return {
      ...fn,
      environment: { ...(fn.environment ?? {}), ...Object.fromEntries(mine.map((o) => [o.name, o.value])) },
    };
  });
}
