import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import { isSimpleContentType, mediaType, readBody, startLocalServer } from '../net';
import {
  type ConfigurationPatch,
  type FunctionRecord,
  InvalidParameterValueError,
  InvalidRequestContentError,
  LambdaApiError,
  type LocalLambda,
  RequestTooLargeError,
  TooManyRequestsError,
} from '../runtime';
import { type InvokeApiOptions, resolveInvokeApiOptions } from './options';
import { invokeWithResponseStream } from './response-stream';
import type { InvokeApiServer, LocalRoute } from './types';

const NO_QUERY = new URLSearchParams();

/** Synchronous invoke payload limit (6 MB). */
export const PAYLOAD_LIMIT = 6 * 1024 * 1024;

export class MethodNotAllowed extends LambdaApiError {
  constructor(readonly allow: string) {
    super('MethodNotAllowedException', 405, `Method not allowed; use ${allow}`);
  }
}

/** Lambda's answer to a body of a type it does not take (a control call's body must be JSON). */
export class UnsupportedMediaTypeError extends LambdaApiError {
  constructor(message: string) {
    super('UnsupportedMediaTypeException', 415, message, { Type: 'User' });
  }
}

export class UnknownOperation extends LambdaApiError {
  constructor(method: string, path: string) {
    super('UnknownOperationException', 404, `Unknown operation ${method} ${path}`);
  }
}

/**
 * The Lambda Invoke API and the control calls the SDK's LambdaClient makes, for the runtime `rt`,
 * on one listener, plus `/_local/` routes. Errors answer with AWS's type in `x-amzn-errortype`
 * and the body. Closing it leaves the runtime running: whoever started both stops both.
 *
 * @example
 * const api = await startInvokeApiServer(rt, { host: '127.0.0.1', port: 3002 });
 */
export async function startInvokeApiServer(rt: LocalLambda, options: InvokeApiOptions = {}): Promise<InvokeApiServer> {
  const o = resolveInvokeApiOptions(options);
  const routes: LocalRoute[] = [...o.routes];
  // An API, not a public endpoint: only this machine's names, and no browser page but its own.
  const server = await startLocalServer(
    (req, res) => {
      try {
        route(rt, routes, req, res);
      } catch (err) {
        sendError(res, err);
      }
    },
    {
      name: 'Lambda API',
      host: o.host,
      port: o.port,
      allowHosts: o.allowHosts,
      sameOriginOnly: true,
      limits: o.limits,
    },
  );
  // The SDK keeps connections for up to a minute; closing them sooner costs it a reconnect per call.
  server.server.keepAliveTimeout = 65_000;
  return {
    url: server.url,
    addRoute(r) {
      routes.push(r);
    },
    close: () => server.close(),
  };
}

function route(
  rt: LocalLambda,
  routes: readonly LocalRoute[],
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = q < 0 ? NO_QUERY : new URLSearchParams(rawUrl.slice(q + 1));
  const method = req.method ?? 'GET';
  const seg = path.split('/');
  // seg: ['', '<version>', 'functions', '<name>', '<sub>']
  if (seg[2] === 'functions' && seg[1] === '2015-03-31') {
    const name = seg[3] ? decodeSegment(seg[3]) : '';
    const sub = seg[4];
    if (seg.length > 5) throw new UnknownOperation(method, path);
    if (name === '' && sub === undefined) {
      allow(method, 'GET');
      sendJson(res, 200, { Functions: rt.control.list().map((r) => rt.control.configuration(r)) });
      return;
    }
    if (sub === 'invocations') {
      allow(method, 'POST');
      invoke(rt, req, res, rt.control.resolve(name, query.get('Qualifier') ?? undefined));
      return;
    }
    if (sub === undefined || sub === '') {
      allow(method, 'GET');
      const record = rt.control.resolve(name, query.get('Qualifier') ?? undefined);
      const reserved = rt.reservedConcurrency(record.def.name);
      sendJson(res, 200, {
        Configuration: rt.control.configuration(record),
        Code: { RepositoryType: 'S3', Location: `file://${record.def.codeDir}` },
        ...(reserved !== undefined ? { Concurrency: { ReservedConcurrentExecutions: reserved } } : {}),
        Tags: {},
      });
      return;
    }
    if (sub === 'configuration') {
      allow(method, 'GET, PUT');
      if (method === 'GET') {
        sendJson(res, 200, rt.control.configuration(rt.control.resolve(name, query.get('Qualifier') ?? undefined)));
        return;
      }
      rt.control.resolve(name);
      readJson(req, res, (body) => {
        sendJson(res, 200, rt.updateFunctionConfiguration(name, body as ConfigurationPatch));
      });
      return;
    }
    throw new UnknownOperation(method, path);
  }
  if (seg[1] === '2021-11-15' && seg[2] === 'functions' && seg[4] === 'response-streaming-invocations') {
    if (seg.length > 5) throw new UnknownOperation(method, path);
    allow(method, 'POST');
    const record = rt.control.resolve(decodeSegment(seg[3] ?? ''), query.get('Qualifier') ?? undefined);
    invokeWithResponseStream(rt, req, res, record, {
      readPayload: readInvokePayload,
      sendError,
      clientContext: clientContextOf,
    });
    return;
  }
  if (
    (seg[1] === '2017-10-31' || seg[1] === '2019-09-30') &&
    seg[2] === 'functions' &&
    seg[4] === 'concurrency' &&
    seg.length === 5
  ) {
    const name = decodeSegment(seg[3] ?? '');
    allow(method, 'GET, PUT, DELETE');
    if (method === 'GET') {
      const reserved = rt.reservedConcurrency(name);
      sendJson(res, 200, reserved !== undefined ? { ReservedConcurrentExecutions: reserved } : {});
      return;
    }
    if (method === 'DELETE') {
      rt.setReservedConcurrency(name, undefined);
      res.writeHead(204, { 'x-amzn-requestid': randomUUID() });
      return void res.end();
    }
    rt.control.resolve(name);
    readJson(req, res, (body) => {
      const value = (body as { ReservedConcurrentExecutions?: unknown }).ReservedConcurrentExecutions;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new InvalidParameterValueError('ReservedConcurrentExecutions must be a non-negative integer');
      }
      rt.setReservedConcurrency(name, value);
      sendJson(res, 200, { ReservedConcurrentExecutions: value });
    });
    return;
  }
  if (path === '/_local/environments') {
    allow(method, 'GET');
    sendJson(res, 200, rt.environments());
    return;
  }
  if (path === '/_local/environments/ended') {
    allow(method, 'GET');
    sendJson(res, 200, rt.endedEnvironments());
    return;
  }
  if (path.startsWith('/_local/')) {
    const matches = routes.filter((r) =>
      r.path.endsWith('*') ? path.startsWith(r.path.slice(0, -1)) : r.path === path,
    );
    const hit = matches.find((r) => r.method === method);
    if (hit) {
      hit.handle(req, res);
      return;
    }
    if (matches.length > 0) throw new MethodNotAllowed(matches.map((r) => r.method).join(', '));
  }
  throw new UnknownOperation(method, path);
}

/** A path segment, percent-decoded; malformed encoding is the caller's error (400), not ours (500). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new InvalidParameterValueError(`The path segment ${JSON.stringify(segment)} is not valid percent-encoding.`);
  }
}

function allow(method: string, allowed: string): void {
  if (!allowed.split(', ').includes(method)) throw new MethodNotAllowed(allowed);
}

/** Invoke of the function `record` (resolved by the caller, so an unknown name answers 404 at once). */
function invoke(rt: LocalLambda, req: http.IncomingMessage, res: http.ServerResponse, record: FunctionRecord): void {
  const type = header(req, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
    throw new InvalidParameterValueError(`InvocationType must be RequestResponse, Event or DryRun, got ${type}`);
  }
  const tail = header(req, 'x-amz-log-type') === 'Tail';
  const clientContext = clientContextOf(req);
  readInvokePayload(req, res, (payload) => {
    const name = record.def.name;
    const opts = {
      tail,
      ...(clientContext ? { clientContext } : {}),
    };
    if (type === 'DryRun') {
      res.writeHead(204, { 'x-amzn-requestid': randomUUID() });
      return void res.end();
    }
    if (type === 'Event') {
      const requestId = randomUUID();
      res.writeHead(202, { 'x-amzn-requestid': requestId, 'content-length': 0 });
      res.end();
      void invokeAsync(rt, name, payload);
      return;
    }
    rt.invoke(name, payload, opts).then(
      (result) => {
        const headers: Record<string, string | number> = {
          'content-type': 'application/json',
          'content-length': result.payload.length,
          'x-amzn-requestid': result.requestId,
          'x-amz-executed-version': result.executedVersion,
        };
        if (result.functionError) headers['x-amz-function-error'] = result.functionError;
        if (result.logResult !== undefined) headers['x-amz-log-result'] = result.logResult;
        res.writeHead(200, headers);
        res.end(result.payload);
      },
      (err: unknown) => sendError(res, err),
    );
  });
}

/** X-Amz-Client-Context, decoded (400 when it is not base64 of a JSON object). */
function clientContextOf(req: http.IncomingMessage): string | undefined {
  const clientContextB64 = header(req, 'x-amz-client-context');
  return clientContextB64 === undefined ? undefined : decodeClientContext(clientContextB64);
}

/** An invoke's payload, checked as Lambda checks it; any failure is answered here and `then` is not called. */
function readInvokePayload(req: http.IncomingMessage, res: http.ServerResponse, then: (payload: Buffer) => void): void {
  // The SDK sends application/octet-stream. The types a page may send cross-site without a preflight
  // are refused, so no "simple" request runs a function even if it got past the Origin check.
  if (isSimpleContentType(req.headers['content-type'])) {
    throw new UnsupportedMediaTypeError(
      `Content-Type ${mediaType(req.headers['content-type'])} is not accepted for Invoke; send application/json or application/octet-stream.`,
    );
  }
  readBody(req, PAYLOAD_LIMIT).then(
    (payload) => {
      try {
        if (payload === 'tooLarge') throw new RequestTooLargeError(PAYLOAD_LIMIT);
        if (payload.length > 0) {
          try {
            // fatal: invalid UTF-8 is refused, as Lambda refuses it, instead of turning into U+FFFD.
            JSON.parse(UTF8.decode(payload));
          } catch (err) {
            throw new InvalidRequestContentError(
              `Could not parse request body into json: Could not parse payload into json: ${(err as Error).message}`,
            );
          }
        }
        then(payload);
      } catch (err) {
        sendError(res, err);
      }
    },
    (err: unknown) => sendError(res, err),
  );
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * X-Amz-Client-Context: Lambda takes only base64 of a JSON object (at most 3,583 bytes) and answers 400
 * otherwise. Returns the decoded JSON text the runtime hands to the function.
 */
function decodeClientContext(value: string): string {
  const refuse = (): never => {
    throw new InvalidRequestContentError('Client context must be a valid Base64-encoded JSON object.');
  };
  if (value.length > 3583 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) refuse();
  let text = '';
  try {
    text = UTF8.decode(Buffer.from(value, 'base64'));
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) refuse();
  } catch {
    refuse();
  }
  return text;
}

/** Event invocations: Lambda queues them and retries throttles, so the caller only sees 202. */
async function invokeAsync(rt: LocalLambda, name: string, payload: Buffer): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      await rt.invoke(name, payload);
      return;
    } catch (err) {
      if (!(err instanceof TooManyRequestsError)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A control call's JSON body, held to the Invoke API's payload limit. */
function readJson(req: http.IncomingMessage, res: http.ServerResponse, then: (body: unknown) => void): void {
  const type = mediaType(req.headers['content-type']);
  if (type !== 'application/json' && type !== 'application/x-amz-json-1.1') {
    // Drained first, so the answer does not cut the upload off.
    readBody(req, PAYLOAD_LIMIT).then(
      () =>
        sendError(
          res,
          new UnsupportedMediaTypeError(`A control call's body must be application/json, not ${type || 'untyped'}.`),
        ),
      (err: unknown) => sendError(res, err),
    );
    return;
  }
  readBody(req, PAYLOAD_LIMIT).then(
    (raw) => {
      try {
        if (raw === 'tooLarge') throw new RequestTooLargeError(PAYLOAD_LIMIT);
        const text = raw.toString('utf8');
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : {};
        } catch {
          throw new InvalidRequestContentError('Could not parse request body into json');
        }
        then(body);
      } catch (err) {
        sendError(res, err);
      }
    },
    (err: unknown) => sendError(res, err),
  );
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(body);
}

function sendError(res: http.ServerResponse, err: unknown): void {
  if (res.headersSent) return void res.destroy();
  const e =
    err instanceof LambdaApiError
      ? err
      : new LambdaApiError('ServiceException', 500, err instanceof Error ? err.message : String(err), {
          Type: 'Service',
        });
  const body = JSON.stringify({ Type: 'User', ...e.extra, __type: e.awsType, message: e.message });
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': e.awsType,
    'x-amzn-requestid': randomUUID(),
  };
  if (e instanceof MethodNotAllowed) headers.allow = e.allow;
  res.writeHead(e.statusCode, headers);
  res.end(body);
}
