/**
 * A payload 2.0 event as the local HTTP API builds it for a request, made without a request: for
 * `npm run event -- http` and `npm run invoke -- --route`. The same builder as the server
 * (local/http-api/event.ts), so the sample is what the function gets through the API.
 */
import { buildEvent, type HttpApiEventV2, httpApiDefaults, newRequestId } from '../http-api';

/** What the sample request is. */
export interface SampleRequest {
  readonly method: string;
  /** Path and query as sent, e.g. `/breaker?fault=1`. */
  readonly path: string;
  /** The body as text; none by default. */
  readonly body?: string;
  /** Sent as Content-Type when there is a body. */
  readonly contentType?: string;
}

export const sampleRequestDefaults = {
  method: 'GET',
  contentType: 'application/json',
  host: '127.0.0.1:3000',
  userAgent: 'lambda-reuse-lab-cli',
} as const;

/**
 * The event for `METHOD path`, with the route key `METHOD /path` (query left out, as API Gateway's
 * route keys have none; path parameters are not matched).
 *
 * @example
 * sampleHttpEvent({ method: 'POST', path: '/db', body: '{"n":1}' }).routeKey; // 'POST /db'
 */
export function sampleHttpEvent(request: SampleRequest, now = new Date()): HttpApiEventV2 {
  const d = sampleRequestDefaults;
  const body = Buffer.from(request.body ?? '', 'utf8');
  const rawHeaders = ['Host', d.host, 'User-Agent', d.userAgent];
  if (body.length > 0) rawHeaders.push('Content-Type', request.contentType ?? d.contentType);
  const method = request.method.toUpperCase();
  const routePath = request.path.split('?')[0] ?? request.path;
  return buildEvent(
    { method, url: request.path, httpVersion: '1.1', rawHeaders, sourceIp: '127.0.0.1', body },
    {
      accountId: httpApiDefaults.accountId,
      apiId: httpApiDefaults.apiId,
      routeKey: `${method} ${routePath}`,
      pathParameters: {},
      stageVariables: {},
      requestId: newRequestId(),
      now,
    },
  );
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** `GET /hello` → method and path; undefined when it is not `METHOD /path`. */
export function parseRoute(text: string): { method: string; path: string } | undefined {
  const match = /^([A-Za-z]+) +(\/\S*)$/.exec(text.trim());
  if (!match || !METHODS.includes((match[1] as string).toUpperCase())) return undefined;
  return { method: (match[1] as string).toUpperCase(), path: match[2] as string };
}

export const HTTP_METHODS: readonly string[] = METHODS;
