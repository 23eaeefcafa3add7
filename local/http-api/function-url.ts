import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../net';
import { buildEvent } from './event';
import {
  type CorsSettings,
  isPreflight,
  preflightHeaders,
  responseCorsHeaders,
  withoutCorsHeaders,
} from './function-url-cors';
import { type InvokeResult, internalServerError, type MappedResponse, mapResponse, maxRequestBytes } from './response';

/** Local function URLs live under this path prefix of the HTTP API's port: `/_url/<name>/<path>`. */
export const FUNCTION_URL_PREFIX = '/_url/';

/** Where a streamed response's bytes go as the function writes them. */
export interface UrlStream {
  start(contentType: string): void;
  chunk(data: Buffer): void;
}

/** Invokes a function for a URL; `stream` is given in RESPONSE_STREAM mode. */
export type UrlInvoke = (functionName: string, event: string, stream: UrlStream | undefined) => Promise<InvokeResult>;

/** One function URL as the HTTP API serves it. */
export interface FunctionUrlRoute {
  /** The path segment after `/_url/`: the function's short name (e.g. `hello`) or full name. */
  readonly name: string;
  readonly functionName: string;
  readonly invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
  readonly cors: CorsSettings | undefined;
}

export interface FunctionUrlOptions {
  readonly urls: readonly FunctionUrlRoute[];
  readonly invoke: UrlInvoke;
  readonly accountId: string;
  readonly region: string;
  readonly log: (line: string) => void;
}

/** The prelude `awslambda.HttpResponseStream.from` writes, then eight null bytes. */
const HTTP_INTEGRATION = 'application/vnd.awslambda.http-integration-response';
const DELIMITER = Buffer.alloc(8);

/**
 * A `<url-id>` as Lambda's look (32 lower-case letters and digits), fixed per function name so a
 * restart keeps it.
 */
export function urlId(functionName: string): string {
  return createHash('sha256').update(functionName).digest('hex').slice(0, 32);
}

/**
 * Serves the stack's function URLs under `/_url/<name>/…` ("Invoking Lambda function URLs",
 * docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html): the event is payload format 2.0 with
 * routeKey `$default`, requestContext.apiId the url id, domainName `<url-id>.lambda-url.<region>.on.aws`,
 * a UUID requestId, and no pathParameters or stageVariables. BUFFERED maps the result as format 2.0
 * does; RESPONSE_STREAM writes the function's chunks to the client as they arrive, taking status,
 * headers and cookies from an HttpResponseStream prelude. Returns false for a path that is not a URL's.
 *
 * @example
 * const serveUrl = functionUrlHandler({ urls, invoke, accountId, region, log });
 * if (!serveUrl(req, res)) routeToHttpApi(req, res);
 */
export function functionUrlHandler(
  options: FunctionUrlOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const byName = new Map(options.urls.map((u) => [u.name, u]));
  return (req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith(FUNCTION_URL_PREFIX)) return false;
    const rest = url.slice(FUNCTION_URL_PREFIX.length);
    const cut = rest.search(/[/?]/);
    const name = cut < 0 ? rest : rest.slice(0, cut);
    const route = byName.get(name);
    if (!route) return false;
    const inner = cut < 0 ? '/' : rest[cut] === '?' ? `/${rest.slice(cut)}` : rest.slice(cut);
    void serve(options, route, inner, req, res).catch(() => {
      if (!res.headersSent) writeMapped(res, internalServerError('invoke-failed'), {});
      else res.destroy();
    });
    return true;
  };
}

async function serve(
  options: FunctionUrlOptions,
  route: FunctionUrlRoute,
  inner: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET';
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
  const log = (status: number): void => options.log(`URL ${method} ${route.name}${inner.split('?')[0]} ${status}`);
  if (route.cors && isPreflight(method, req.headers)) {
    const headers = preflightHeaders(
      route.cors,
      origin,
      req.headers['access-control-request-method'] as string | undefined,
      req.headers['access-control-request-headers'] as string | undefined,
    );
    res.writeHead(200, { ...headers, 'content-length': 0 });
    res.end();
    return log(200);
  }
  const cors = route.cors ? responseCorsHeaders(route.cors, origin) : {};
  const body = await readBody(req, maxRequestBytes);
  if (body === 'tooLarge') {
    writeMapped(res, { statusCode: 413, headers: [], body: Buffer.from('Request Entity Too Large') }, cors);
    return log(413);
  }
  const id = urlId(route.functionName);
  const now = new Date();
  const event = buildEvent(
    {
      method,
      url: inner,
      httpVersion: req.httpVersion,
      rawHeaders: req.rawHeaders,
      sourceIp: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
      body,
    },
    {
      accountId: options.accountId,
      apiId: id,
      routeKey: '$default',
      pathParameters: {},
      stageVariables: {},
      requestId: randomUUID(),
      now,
    },
  );
  event.requestContext.domainName = `${id}.lambda-url.${options.region}.on.aws`;
  event.requestContext.domainPrefix = id;
  const stream = route.invokeMode === 'RESPONSE_STREAM' ? streamTo(res, cors) : undefined;
  let result: InvokeResult;
  try {
    result = await options.invoke(route.functionName, JSON.stringify(event), stream?.receiver);
  } catch {
    if (!res.headersSent) writeMapped(res, internalServerError('invoke-failed'), cors);
    else res.end();
    return log(500);
  }
  if (stream?.started()) {
    // Past the first byte the status is sent: a failure can only end the body early.
    stream.finish();
    return log(res.statusCode);
  }
  const mapped = mapResponse(result);
  writeMapped(res, mapped, cors);
  log(mapped.statusCode);
}

function writeMapped(res: ServerResponse, mapped: MappedResponse, cors: Record<string, string>): void {
  res.statusCode = mapped.statusCode;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of withoutCorsHeaders(mapped.headers))
    grouped.set(name, [...(grouped.get(name) ?? []), value]);
  for (const [name, values] of grouped) res.setHeader(name, name === 'set-cookie' ? values : values.join(','));
  for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
  res.setHeader('content-length', mapped.body.length);
  res.setHeader('x-amzn-requestid', randomUUID());
  res.end(mapped.body);
}

/** The client's side of a RESPONSE_STREAM invoke: headers at the first byte (after the prelude), then chunks. */
function streamTo(res: ServerResponse, cors: Record<string, string>) {
  let started = false;
  let prelude: Buffer | undefined;
  const head = (status: number, headers: [string, string][]): void => {
    res.statusCode = status;
    for (const [name, value] of withoutCorsHeaders(headers)) {
      const existing = res.getHeader(name);
      res.setHeader(name, existing === undefined ? value : [...[existing].flat().map(String), value]);
    }
    for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
    res.setHeader('x-amzn-requestid', randomUUID());
    res.flushHeaders();
  };
  const receiver: UrlStream = {
    start(contentType) {
      started = true;
      if (contentType === HTTP_INTEGRATION) prelude = Buffer.alloc(0);
      else head(200, [['content-type', contentType]]);
    },
    chunk(data) {
      if (prelude === undefined) return void res.write(data);
      prelude = Buffer.concat([prelude, data]);
      const end = prelude.indexOf(DELIMITER);
      if (end < 0) return;
      const meta = parsePrelude(prelude.subarray(0, end));
      const restOf = prelude.subarray(end + DELIMITER.length);
      prelude = undefined;
      head(meta.statusCode, meta.headers);
      if (restOf.length > 0) res.write(restOf);
    },
  };
  return {
    receiver,
    started: () => started,
    finish: () => {
      // A prelude never closed by its delimiter: what came is the body, as no status was given.
      if (prelude !== undefined) {
        const pending = prelude;
        prelude = undefined;
        head(200, []);
        res.write(pending);
      }
      res.end();
    },
  };
}

function parsePrelude(bytes: Buffer): { statusCode: number; headers: [string, string][] } {
  try {
    const p = JSON.parse(bytes.toString('utf8')) as {
      statusCode?: unknown;
      headers?: Record<string, unknown>;
      cookies?: unknown;
    };
    const status =
      typeof p.statusCode === 'number' && Number.isInteger(p.statusCode) && p.statusCode >= 100 && p.statusCode <= 599
        ? p.statusCode
        : 200;
    const headers: [string, string][] = Object.entries(p.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]);
    if (Array.isArray(p.cookies)) for (const c of p.cookies) headers.push(['set-cookie', String(c)]);
    return { statusCode: status, headers };
  } catch {
    return { statusCode: 200, headers: [] };
  }
}
