import { parseRouteKey, type RouteKey, type Segment } from './route-key';

/** A route the local API serves: its key and the Lambda function behind it. */
export interface HttpApiRoute {
  routeKey: string;
  functionName: string;
}

interface CompiledRoute {
  route: HttpApiRoute;
  key: RouteKey;
}

/** The route chosen for a request, with its path parameters (URL-decoded, as API Gateway passes them). */
export interface RouteMatch {
  route: HttpApiRoute;
  pathParameters: Record<string, string>;
}

const rank: Record<Segment['kind'], number> = { literal: 0, variable: 1, greedy: 2 };

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

function matchPath(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    if (segment.kind === 'greedy') {
      // A greedy variable takes one or more segments: `/files/{proxy+}` does not match `/files` itself.
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.every((p) => p.length === 0)) return undefined;
      params[segment.name] = rest.map(decode).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined || part.length === 0) return undefined;
    if (segment.kind === 'literal' && decode(part) !== segment.text) return undefined;
    if (segment.kind === 'variable') params[segment.name] = decode(part);
  }
  return parts.length === segments.length ? params : undefined;
}

/**
 * Orders two matching routes as API Gateway does ("Routing API requests" in the HTTP API guide):
 * a route without a greedy variable before one with it; then, segment by segment from the left, a
 * literal before a variable; then the longer pattern; then an exact method before ANY.
 */
function compare(a: CompiledRoute, b: CompiledRoute): number {
  if (a.key.kind !== 'path' || b.key.kind !== 'path') return 0;
  const greedyA = a.key.segments.some((s) => s.kind === 'greedy');
  const greedyB = b.key.segments.some((s) => s.kind === 'greedy');
  if (greedyA !== greedyB) return greedyA ? 1 : -1;
  const n = Math.min(a.key.segments.length, b.key.segments.length);
  for (let i = 0; i < n; i++) {
    const d = rank[(a.key.segments[i] as Segment).kind] - rank[(b.key.segments[i] as Segment).kind];
    if (d !== 0) return d;
  }
  if (a.key.segments.length !== b.key.segments.length) return b.key.segments.length - a.key.segments.length;
  return (a.key.method === 'ANY' ? 1 : 0) - (b.key.method === 'ANY' ? 1 : 0);
}

/**
 * Compiles routes once and returns the matcher: the most specific route for a method and raw path,
 * else `$default`, else undefined (the API answers 404).
 *
 * @example
 * const match = routeMatcher([{ routeKey: 'GET /items/{id}', functionName: 'items' }]);
 * match('GET', '/items/42'); // { route, pathParameters: { id: '42' } }
 */
export function routeMatcher(
  routes: readonly HttpApiRoute[],
): (method: string, rawPath: string) => RouteMatch | undefined {
  const compiled: CompiledRoute[] = routes.map((route) => ({ route, key: parseRouteKey(route.routeKey) }));
  const fallback = compiled.find((c) => c.key.kind === 'default');
  const pathRoutes = compiled.filter((c) => c.key.kind === 'path');
  return (method, rawPath) => {
    const parts = rawPath === '/' ? [] : rawPath.replace(/^\//, '').split('/');
    let best: { compiled: CompiledRoute; params: Record<string, string> } | undefined;
    for (const c of pathRoutes) {
      if (c.key.kind !== 'path' || (c.key.method !== 'ANY' && c.key.method !== method.toUpperCase())) continue;
      const params = matchPath(c.key.segments, parts);
      if (params && (!best || compare(c, best.compiled) < 0)) best = { compiled: c, params };
    }
    if (best) return { route: best.compiled.route, pathParameters: best.params };
    return fallback ? { route: fallback.route, pathParameters: {} } : undefined;
  };
}
