import { randomUUID } from 'node:crypto';

/** The route of a catalog function, split: `GET /db/naive` → method GET, path /db/naive. */
export interface Route {
  readonly method: string;
  readonly path: string;
}

/** Parses a route key such as `GET /hello`. */
export function parseRoute(routeKey: string): Route {
  const [method, path] = routeKey.split(' ');
  if (!method || !path) throw new RangeError(`route key ${JSON.stringify(routeKey)} is not "METHOD /path"`);
  return { method, path };
}

/**
 * A minimal valid API Gateway HTTP API payload 2.0 event for a route, as the handlers expect when invoked
 * directly (without the HTTP API in front).
 *
 * @example
 * httpApiEvent({ method: 'GET', path: '/hello' }).requestContext.http.method; // 'GET'
 */
export function httpApiEvent(route: Route, now: number = Date.now()) {
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: route.path,
    rawQueryString: '',
    headers: { accept: 'application/json', 'user-agent': 'lambda-reuse-lab-bench', host: 'bench.local' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.local',
      domainPrefix: 'bench',
      http: {
        method: route.method,
        path: route.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'lambda-reuse-lab-bench',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    isBase64Encoded: false,
  };
}
