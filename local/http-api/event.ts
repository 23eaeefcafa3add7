import { randomBytes } from 'node:crypto';
import { mediaType } from '../net';

/** What the server knows about one request, before it becomes an event. */
export interface IncomingRequest {
  method: string;
  /** The request target as sent: path and query, not decoded. */
  url: string;
  httpVersion: string;
  /** Node's `rawHeaders`: name, value, name, value, ... in arrival order. */
  rawHeaders: readonly string[];
  sourceIp: string;
  body: Buffer;
}

/** Fields of the event that come from the API and the route, not from the request. */
export interface EventContext {
  accountId: string;
  apiId: string;
  routeKey: string;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
  requestId: string;
  now: Date;
}

/** The API Gateway HTTP API payload format 2.0 event. */
export interface HttpApiEventV2 {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  pathParameters?: Record<string, string>;
  stageVariables?: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: {
    accountId: string;
    apiId: string;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: '$default';
    time: string;
    timeEpoch: number;
  };
}

/**
 * Media types passed to the function as text; any other body (including form posts, multipart and a
 * body without a Content-Type) arrives base64-encoded with `isBase64Encoded: true`, as HTTP APIs do
 * for Lambda proxy integrations, which have no binaryMediaTypes setting.
 */
const textTypes = [
  /^text\//,
  /^application\/(json|javascript|xml|x-javascript|ecmascript|graphql)$/,
  /^application\/[\w.+-]+\+(json|xml)$/,
];

export const isTextContentType = (contentType: string | undefined): boolean => {
  if (!contentType) return false;
  const type = mediaType(contentType);
  return textTypes.some((t) => t.test(type));
};

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** `12/Mar/2020:19:03:58 +0000`, the CLF time API Gateway writes into requestContext.time. */
export const formatRequestTime = (d: Date): string =>
  `${two(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`: eleven random bytes in base64. */
export const newRequestId = (): string => randomBytes(11).toString('base64');

/** An X-Ray style trace header, as API Gateway adds to each request it forwards. */
const newTraceId = (now: Date): string =>
  `Root=1-${Math.floor(now.getTime() / 1000)
    .toString(16)
    .padStart(8, '0')}-${randomBytes(12).toString('hex')}`;

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

function joinHeaders(rawHeaders: readonly string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = rawHeaders[i + 1] as string;
    if (name === 'cookie') {
      // Every Cookie header goes into cookies[], one entry per cookie, and leaves headers.
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter((c) => c.length > 0),
      );
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString.length === 0) return undefined;
  const params: Record<string, string> = {};
  for (const pair of rawQueryString.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    params[name] = name in params ? `${params[name]},${value}` : value;
  }
  return Object.keys(params).length > 0 ? params : undefined;
}

/**
 * Builds the payload format 2.0 event API Gateway would send for this request.
 * Empty parts (cookies, query, path parameters, stage variables, body) are left out, as AWS does.
 *
 * @example
 * const event = buildEvent(request, { accountId, apiId, routeKey: 'GET /hello', pathParameters: {}, stageVariables: {}, requestId, now: new Date() });
 */
export function buildEvent(request: IncomingRequest, context: EventContext): HttpApiEventV2 {
  const q = request.url.indexOf('?');
  const rawPath = q < 0 ? request.url : request.url.slice(0, q);
  const rawQueryString = q < 0 ? '' : request.url.slice(q + 1);
  const { headers, cookies } = joinHeaders(request.rawHeaders);
  const host = headers.host ?? '';
  const domainName = host.replace(/:\d+$/, '');
  // API Gateway adds these on its way to the function; the client's own values come first in x-forwarded-for.
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${request.sourceIp}`
    : request.sourceIp;
  headers['x-forwarded-port'] = /:(\d+)$/.exec(host)?.[1] ?? '80';
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] = newTraceId(context.now);

  const event: HttpApiEventV2 = {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath,
    rawQueryString,
    headers,
    isBase64Encoded: false,
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.routeKey,
      stage: '$default',
      time: formatRequestTime(context.now),
      timeEpoch: context.now.getTime(),
    },
  };
  if (cookies.length > 0) event.cookies = cookies;
  const query = parseQuery(rawQueryString);
  if (query) event.queryStringParameters = query;
  if (Object.keys(context.pathParameters).length > 0) event.pathParameters = context.pathParameters;
  if (Object.keys(context.stageVariables).length > 0) event.stageVariables = context.stageVariables;
  if (request.body.length > 0) {
    const text = isTextContentType(headers['content-type']);
    event.body = text ? request.body.toString('utf8') : request.body.toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}
