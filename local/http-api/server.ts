import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidOptionError } from '../../common/errors';
import { type ListenerLimits, readBody, startLocalServer } from '../net';
import { buildEvent, newRequestId } from './event';
import {
  type InvokeResult,
  internalServerError,
  type MappedResponse,
  mapResponse,
  maxRequestBytes,
  notFound,
  requestTooLarge,
  serviceUnavailable,
} from './response';
import { type HttpApiRoute, routeMatcher } from './route-matching';

/** Calls a function through the Lambda Invoke API (the local runtime provides it). */
export type Invoke = (functionName: string, event: string) => Promise<InvokeResult>;

/** Options for {@link startHttpApi}. */
export interface HttpApiOptions {
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  routes: readonly HttpApiRoute[];
  invoke: Invoke;
  /** One line per request: method, path, route, function, status. No bodies, no headers. */
  log: (line: string) => void;
  accountId: string;
  /** The API id the events carry in requestContext.apiId. */
  apiId: string;
  /** The `$default` stage's variables, passed as event.stageVariables. */
  stageVariables: Readonly<Record<string, string>>;
  /** HTTP APIs give up on an integration after at most 30 s and answer 503. */
  integrationTimeoutMs: number;
  /** Host names accepted besides 127.0.0.1, localhost and [::1] (`--allow-host`). */
  allowHosts: readonly string[];
  /** Header, body and connection bounds; see local/net `listenerDefaults`. */
  limits: Partial<ListenerLimits>;
  /** Serves a request first when it is a function URL's (`/_url/…`, see function-url.ts); false passes it on. */
  functionUrls?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export const httpApiDefaults: Omit<HttpApiOptions, 'routes' | 'invoke'> = {
  host: '127.0.0.1',
  port: 3000,
  log: () => {},
  accountId: '000000000000',
  apiId: 'local',
  stageVariables: {},
  integrationTimeoutMs: 30_000,
  allowHosts: [],
  limits: {},
};

/** A running local HTTP API. */
export interface RunningHttpApi {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function validate(options: HttpApiOptions): void {
  const fail = (option: string, value: unknown, allowed: string): never => {
    throw new InvalidOptionError({ component: 'http api', option, value, allowed }, 'EHTTPAPIOPTIONS');
  };
  if (typeof options.host !== 'string' || options.host.length === 0)
    fail('host', options.host, 'a non-empty host name or address');
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
    fail('port', options.port, 'an integer in 0..65535');
  if (!Array.isArray(options.routes)) fail('routes', typeof options.routes, 'an array of {routeKey, functionName}');
  for (const r of options.routes) {
    if (typeof r?.routeKey !== 'string' || typeof r.functionName !== 'string' || r.functionName.length === 0) {
      fail('routes[]', r, '{routeKey: string, functionName: non-empty string}');
    }
  }
  const keys = options.routes.map((r) => r.routeKey);
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated !== undefined)
    fail('routes', repeated, 'unique route keys (API Gateway refuses a second route with the same key)');
  if (typeof options.invoke !== 'function')
    fail('invoke', typeof options.invoke, 'a function (functionName, event) => Promise<InvokeResult>');
  if (typeof options.log !== 'function') fail('log', typeof options.log, 'a function (line: string) => void');
  if (typeof options.accountId !== 'string' || !/^\d{12}$/.test(options.accountId))
    fail('accountId', options.accountId, 'twelve digits');
  if (typeof options.apiId !== 'string' || !/^[a-z0-9]+$/.test(options.apiId))
    fail('apiId', options.apiId, 'lower-case letters and digits');
  if (
    options.stageVariables === null ||
    typeof options.stageVariables !== 'object' ||
    !Object.values(options.stageVariables).every((v) => typeof v === 'string')
  ) {
    fail('stageVariables', options.stageVariables, 'an object of string values');
  }
  if (
    !Number.isInteger(options.integrationTimeoutMs) ||
    options.integrationTimeoutMs < 50 ||
    options.integrationTimeoutMs > 30_000
  ) {
    fail(
      'integrationTimeoutMs',
      options.integrationTimeoutMs,
      'an integer in 50..30000 (the HTTP API maximum is 30 s)',
    );
  }
}

async function withTimeout(work: Promise<InvokeResult>, ms: number): Promise<InvokeResult | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function write(res: ServerResponse, requestId: string, mapped: MappedResponse): void {
  res.statusCode = mapped.statusCode;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of mapped.headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  for (const [name, values] of grouped) res.setHeader(name, name === 'set-cookie' ? values : values.join(','));
  res.setHeader('content-length', mapped.body.length);
  res.setHeader('apigw-requestid', requestId);
  res.end(mapped.body);
}

/**
 * Starts a local API Gateway HTTP API (payload format 2.0) in front of Lambda functions: it matches
 * route keys as AWS does, builds the 2.0 event, calls `invoke` and maps the result back.
 *
 * @example
 * const api = await startHttpApi({
 *   port: 0,
 *   routes: [{ routeKey: 'GET /hello', functionName: 'lambda-reuse-lab-dev-hello' }],
 *   invoke: (name, event) => runtime.invoke(name, event),
 * });
 * await fetch(`${api.url}/hello`);
 * await api.stop();
 */
export async function startHttpApi(
  options: Partial<HttpApiOptions> & Pick<HttpApiOptions, 'routes' | 'invoke'>,
): Promise<RunningHttpApi> {
  const opts: HttpApiOptions = { ...httpApiDefaults, ...options };
  validate(opts);
  const match = routeMatcher(opts.routes);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (opts.functionUrls?.(req, res)) return;
    const requestId = newRequestId();
    const now = new Date();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const rawPath = url.split('?')[0] ?? '/';
    const respond = (mapped: MappedResponse, route = '-', fn = '-'): void => {
      write(res, requestId, mapped);
      opts.log(
        `HTTP ${method} ${rawPath} ${route} ${fn} ${mapped.statusCode}${mapped.failure ? ` ${mapped.failure}` : ''}`,
      );
    };
    // Past the 10 MB quota the rest is drained, not kept.
    const body = await readBody(req, maxRequestBytes);
    if (body === 'tooLarge') return respond(requestTooLarge());
    const found = match(method, rawPath);
    if (!found) return respond(notFound());
    const { route, pathParameters } = found;
    const event = buildEvent(
      {
        method,
        url,
        httpVersion: req.httpVersion,
        rawHeaders: req.rawHeaders,
        sourceIp: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
        body,
      },
      {
        accountId: opts.accountId,
        apiId: opts.apiId,
        routeKey: route.routeKey,
        pathParameters,
        stageVariables: { ...opts.stageVariables },
        requestId,
        now,
      },
    );
    let result: InvokeResult | 'timeout';
    try {
      result = await withTimeout(opts.invoke(route.functionName, JSON.stringify(event)), opts.integrationTimeoutMs);
    } catch {
      return respond(internalServerError('invoke-failed'), route.routeKey, route.functionName);
    }
    respond(result === 'timeout' ? serviceUnavailable() : mapResponse(result), route.routeKey, route.functionName);
  };

  // The public API: open to browsers, as API Gateway is, but only under this machine's names.
  const server = await startLocalServer(
    (req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent) write(res, newRequestId(), internalServerError('invoke-failed'));
        else res.destroy();
      });
    },
    {
      name: 'HTTP API',
      host: opts.host,
      port: opts.port,
      allowHosts: opts.allowHosts,
      sameOriginOnly: false,
      limits: opts.limits,
    },
  );
  return { url: server.url, port: server.port, stop: () => server.close() };
}
