import { RouteKeyError } from './errors';

/** One segment of a route's path: a literal, a `{name}` variable, or the final greedy `{name+}`. */
export type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'variable'; name: string }
  | { kind: 'greedy'; name: string };

/** A parsed route key: `$default`, or a method (or ANY) and a path pattern. */
export type RouteKey = { kind: 'default' } | { kind: 'path'; method: string; segments: readonly Segment[] };

const methods = new Set(['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * Parses a route key as API Gateway writes it: `GET /hello`, `ANY /items/{id}`, `GET /files/{proxy+}`, `$default`.
 *
 * @example
 * parseRouteKey('GET /items/{id}'); // { kind: 'path', method: 'GET', segments: [literal items, variable id] }
 */
export function parseRouteKey(routeKey: string): RouteKey {
  if (routeKey === '$default') return { kind: 'default' };
  const match = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
  if (!match || !methods.has(match[1] as string)) {
    throw new RouteKeyError(
      `route key ${JSON.stringify(routeKey)} must be "$default" or "<METHOD> /path" with METHOD one of ${[...methods].join(', ')}`,
    );
  }
  const [, method, path] = match as unknown as [string, string, string];
  const parts = path === '/' ? [] : path.slice(1).split('/');
  const segments = parts.map((part, i): Segment => {
    const variable = /^\{([A-Za-z0-9._-]+)(\+?)\}$/.exec(part);
    if (variable) {
      const name = variable[1] as string;
      if (variable[2] === '+') {
        if (i !== parts.length - 1)
          throw new RouteKeyError(`route key ${JSON.stringify(routeKey)}: a greedy variable must be the last segment`);
        return { kind: 'greedy', name };
      }
      return { kind: 'variable', name };
    }
    if (part.length === 0 || /[{}]/.test(part))
      throw new RouteKeyError(
        `route key ${JSON.stringify(routeKey)}: segment ${JSON.stringify(part)} is not a literal or a {variable}`,
      );
    return { kind: 'literal', text: part };
  });
  return { kind: 'path', method, segments };
}
