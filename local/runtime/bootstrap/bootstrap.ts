/**
 * The runtime client that runs inside every execution environment: a Node process that loads the
 * handler (LAMBDA_TASK_ROOT + _HANDLER) and speaks the Lambda Runtime API to
 * AWS_LAMBDA_RUNTIME_API, as Lambda's Node runtime does. Bundled by esbuild at runtime start;
 * it may import only Node built-ins.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const CALLBACK_DEPRECATED_MESSAGE =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. ' +
  'You need to modify this function to use a supported handler signature to use Node.js 24 or later. ' +
  'For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

type Handler = (event: unknown, context: unknown, callback?: (err?: unknown, result?: unknown) => void) => unknown;

interface Invocation {
  requestId: string;
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId: string | undefined;
  clientContext: string | undefined;
  cognitoIdentity: string | undefined;
  event: unknown;
}

const runtimeApi = process.env.AWS_LAMBDA_RUNTIME_API ?? '';
const [apiHost = '127.0.0.1', apiPortText = '9001'] = runtimeApi.split(':');
const apiPort = Number(apiPortText);
const executionEnv = process.env.AWS_EXECUTION_ENV ?? '';
const runtimeMajor = Number(/nodejs(\d+)/.exec(executionEnv)?.[1] ?? '24');
const callbacksAllowed = runtimeMajor < 24;
let currentRequestId: string | undefined;

// The runtime's process parent reports our exit status, and a signal death looks like 128+n
// there; so the code we exit with is written down first, where the runtime reads it. The
// variable is the runtime's, not the function's: it goes before the handler loads.
const statusFd = Number(process.env.LOCAL_LAMBDA_STATUS_FD);
delete process.env.LOCAL_LAMBDA_STATUS_FD;
// Freezing on: this process stops itself (SIGSTOP) the moment its request for the next event has
// left, as Lambda's runtime client blocks there; the runtime only has to thaw it. Stopping here
// costs the runtime nothing, and no timer or promise of the function runs after the request.
const selfFreeze = process.env.LOCAL_LAMBDA_SELF_FREEZE === '1';
delete process.env.LOCAL_LAMBDA_SELF_FREEZE;
if (Number.isInteger(statusFd) && statusFd > 2) {
  process.on('exit', (code) => {
    try {
      fs.writeSync(statusFd, `exit ${code}\n`);
    } catch {
      // nobody is reading: the runtime is gone
    }
  });
}

// The parent holds our stdin open; when it goes away (even killed), we go too, leaving no orphan.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
(process.stdin as unknown as { unref?: () => void }).unref?.();

function patchConsole(): void {
  // Lambda's Node runtime prefixes each console line with time, request id and level.
  const write =
    (level: string, stream: NodeJS.WriteStream) =>
    (...args: unknown[]) => {
      stream.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${format(...args)}\n`);
    };
  console.log = write('INFO', process.stdout);
  console.info = write('INFO', process.stdout);
  console.debug = write('DEBUG', process.stdout);
  console.warn = write('WARN', process.stderr);
  console.error = write('ERROR', process.stderr);
  console.trace = write('TRACE', process.stderr);
}

interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A minimal HTTP/1.1 client on one keep-alive socket. It exists for speed: it pipelines
 * POST /response with the following GET /next in one write, so a warm invocation costs one
 * round trip between the processes instead of two. Responses come back in request order.
 */
class RuntimeApiConnection {
  private socket: net.Socket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: Array<{ resolve: (r: ApiResponse) => void; reject: (e: Error) => void }> = [];

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  send(
    requests: ReadonlyArray<{ method: string; path: string; body?: string; headers?: Record<string, string> }>,
  ): Promise<ApiResponse>[] {
    const socket = this.connect();
    let text = '';
    const promises: Promise<ApiResponse>[] = [];
    for (const r of requests) {
      text += `${r.method} /2018-06-01${r.path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
      for (const [k, v] of Object.entries(r.headers ?? {})) text += `${k}: ${v}\r\n`;
      text += r.body !== undefined ? `Content-Length: ${Buffer.byteLength(r.body)}\r\n\r\n${r.body}` : '\r\n';
      promises.push(new Promise<ApiResponse>((resolve, reject) => this.waiting.push({ resolve, reject })));
    }
    socket.ref();
    const asksNext = requests[requests.length - 1]?.path === NEXT_PATH;
    if (asksNext && selfFreeze) {
      // Stop only once the bytes are with the kernel (a stopped process flushes nothing): at once
      // when the write went through whole, else when it has.
      let stopped = false;
      const stop = (): void => {
        if (stopped) return;
        stopped = true;
        freezeSelf();
      };
      socket.write(text, (err) => {
        if (!err) stop();
      });
      if (socket.writableLength === 0) stop();
    } else socket.write(text);
    return promises;
  }

  private connect(): net.Socket {
    if (this.socket) return this.socket;
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    const fail = (err: Error): void => {
      this.socket = undefined;
      for (const w of this.waiting.splice(0)) w.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('Runtime API connection closed')));
    this.socket = socket;
    return socket;
  }

  private parse(): void {
    for (;;) {
      const headEnd = this.buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = this.buffer.toString('latin1', 0, headEnd).split('\r\n');
      const status = Number(head[0]?.split(' ')[1]);
      const headers: Record<string, string> = {};
      for (let i = 1; i < head.length; i += 1) {
        const line = head[i] ?? '';
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? '0');
      if (this.buffer.length < headEnd + 4 + length) return;
      const body = this.buffer.toString('utf8', headEnd + 4, headEnd + 4 + length);
      this.buffer = this.buffer.subarray(headEnd + 4 + length);
      const waiter = this.waiting.shift();
      if (this.waiting.length === 0) this.socket?.unref();
      waiter?.resolve({ status, headers, body });
    }
  }
}

const connection = new RuntimeApiConnection(apiHost, apiPort);

function errorPayload(
  err: unknown,
  typeOverride?: string,
): { errorType: string; errorMessage: string; trace: string[] } {
  if (err instanceof Error) {
    return {
      errorType: typeOverride ?? (err.name && err.name !== 'Error' ? err.name : err.constructor?.name || 'Error'),
      errorMessage: err.message,
      trace: (err.stack ?? '').split('\n'),
    };
  }
  return { errorType: typeOverride ?? 'string', errorMessage: typeof err === 'string' ? err : format(err), trace: [] };
}

/** An error of the runtime's own, named by its Lambda error type (which errorPayload reports as the name). */
class RuntimeError extends Error {
  constructor(errorType: string, message: string) {
    super(message);
    this.name = errorType;
  }
}

function errorRequest(urlPath: string, err: unknown, typeOverride?: string) {
  const payload = errorPayload(err, typeOverride);
  return {
    method: 'POST',
    path: urlPath,
    body: JSON.stringify(payload),
    headers: { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': payload.errorType },
  };
}

async function postError(urlPath: string, err: unknown, typeOverride?: string): Promise<void> {
  const [posted] = connection.send([errorRequest(urlPath, err, typeOverride)]);
  await posted;
}

const NEXT_PATH = '/runtime/invocation/next';
// The header tells the runtime this client freezes itself; a client without it is frozen by the runtime.
const NEXT = {
  method: 'GET',
  path: NEXT_PATH,
  ...(selfFreeze ? { headers: { 'Lambda-Runtime-Local-Freeze': 'self' } } : {}),
};

function freezeSelf(): void {
  process.kill(process.pid, 'SIGSTOP');
}

function findModule(taskRoot: string, moduleName: string): { file: string; esm: boolean } {
  const base = path.resolve(taskRoot, moduleName);
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = base + ext;
    if (fs.existsSync(file)) return { file, esm: ext === '.mjs' || (ext === '.js' && nearestTypeIsModule(file)) };
  }
  throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'`);
}

function nearestTypeIsModule(file: string): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

// esbuild would turn a plain import() into require() in a CommonJS bundle; this keeps the real one.
const importModule = new Function('specifier', 'return import(specifier)') as (
  s: string,
) => Promise<Record<string, unknown>>;

async function loadHandler(): Promise<Handler> {
  const handlerString = process.env._HANDLER ?? '';
  const taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
  const match = /^(.*?[^/]*?)\.([^/]+)$/.exec(handlerString);
  if (!match) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  const [, moduleName = '', exportPath = ''] = match;
  const { file, esm } = findModule(taskRoot, moduleName);
  let mod: Record<string, unknown>;
  try {
    mod = esm ? await importModule(pathToFileURL(file).href) : (require(file) as Record<string, unknown>);
  } catch (err) {
    if (err instanceof SyntaxError)
      throw new RuntimeError('Runtime.UserCodeSyntaxError', `${err.name}: ${err.message}`);
    throw err;
  }
  let target: unknown = mod;
  for (const part of exportPath.split('.')) target = (target as Record<string, unknown> | undefined)?.[part];
  if (target === undefined && esm) {
    target = mod.default;
    for (const part of exportPath.split('.')) target = (target as Record<string, unknown> | undefined)?.[part];
  }
  if (typeof target !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${handlerString} is undefined or not exported`);
  }
  const handler = target as Handler;
  // Same rule as Lambda's Node 24 runtime client: a handler declaring three parameters is callback-style.
  if (!callbacksAllowed && handler.length >= 3) {
    throw new RuntimeError('Runtime.CallbackHandlerDeprecated', CALLBACK_DEPRECATED_MESSAGE);
  }
  return handler;
}

function parseJsonHeader(value: string | undefined): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    try {
      return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    } catch {
      return undefined;
    }
  }
}

function toInvocation(res: ApiResponse): Invocation {
  if (res.status !== 200) throw new Error(`GET /runtime/invocation/next answered ${res.status}: ${res.body}`);
  const h = res.headers;
  const one = (name: string): string | undefined => h[name];
  return {
    requestId: one('lambda-runtime-aws-request-id') ?? '',
    deadlineMs: Number(one('lambda-runtime-deadline-ms') ?? Date.now() + 3000),
    invokedFunctionArn: one('lambda-runtime-invoked-function-arn') ?? '',
    traceId: one('lambda-runtime-trace-id'),
    clientContext: one('lambda-runtime-client-context'),
    cognitoIdentity: one('lambda-runtime-cognito-identity'),
    event: res.body.length === 0 ? {} : JSON.parse(res.body),
  };
}

function makeContext(inv: Invocation, finish: (err: unknown, result: unknown) => void): Record<string, unknown> {
  const env = process.env;
  const context: Record<string, unknown> = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: inv.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: inv.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: parseJsonHeader(inv.cognitoIdentity),
    clientContext: parseJsonHeader(inv.clientContext),
    getRemainingTimeInMillis: () => Math.max(inv.deadlineMs - Date.now(), 0),
  };
  if (callbacksAllowed) {
    context.succeed = (result: unknown) => finish(null, result);
    context.fail = (err: unknown) => finish(err ?? 'handled', undefined);
    context.done = (err: unknown, result: unknown) => finish(err, result);
  }
  return context;
}

let pendingInvocation: string | undefined;

/** Posts the result and, in the same write, asks for the next event; returns that next response. */
function postResult(requestId: string, err: unknown, result: unknown): Promise<ApiResponse> {
  let first: { method: string; path: string; body?: string; headers?: Record<string, string> };
  if (err !== null && err !== undefined) first = errorRequest(`/runtime/invocation/${requestId}/error`, err);
  else {
    try {
      first = {
        method: 'POST',
        path: `/runtime/invocation/${requestId}/response`,
        body: result === undefined ? 'null' : JSON.stringify(result),
        headers: { 'Content-Type': 'application/json' },
      };
    } catch (serializeError) {
      first = errorRequest(
        `/runtime/invocation/${requestId}/error`,
        serializeError,
        'Runtime.MalformedHandlerResponse',
      );
    }
  }
  const [posted, next] = connection.send([first, NEXT]);
  posted?.catch(() => undefined);
  return next as Promise<ApiResponse>;
}

/** Runs the handler; resolves with the pending request for the next event (wrapped, so it is not awaited). */
function runInvocation(handler: Handler, inv: Invocation): Promise<{ next: Promise<ApiResponse> }> {
  return new Promise<{ next: Promise<ApiResponse> }>((resolve) => {
    let settled = false;
    let context: Record<string, unknown>;
    const finish = (err: unknown, result: unknown): void => {
      if (settled) return;
      settled = true;
      const send = (): void => {
        const next = postResult(inv.requestId, err, result);
        next.catch((postErr: unknown) => {
          process.stderr.write(`runtime API unreachable: ${String(postErr)}\n`);
          process.exit(1);
        });
        resolve({ next });
      };
      if (callbacksAllowed && callbackUsed && context.callbackWaitsForEmptyEventLoop) {
        // Lambda's callback contract: answer once the event loop has drained.
        waitForEmptyLoop(send);
      } else {
        send();
      }
    };
    let callbackUsed = false;
    context = makeContext(inv, finish);
    try {
      const callback = callbacksAllowed
        ? (err?: unknown, result?: unknown) => {
            callbackUsed = true;
            finish(err, result);
          }
        : undefined;
      const returned = handler(inv.event, context, callback);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(
          (value) => finish(null, value),
          (err: unknown) => finish(err ?? new Error('Promise rejected'), undefined),
        );
      } else if (!callbacksAllowed || handler.length < 3) {
        finish(null, returned);
      }
    } catch (err) {
      finish(err, undefined);
    }
  });
}

let drainWaiters: Array<() => void> = [];
process.on('beforeExit', () => {
  const waiters = drainWaiters;
  drainWaiters = [];
  for (const w of waiters) w();
});
function waitForEmptyLoop(then: () => void): void {
  drainWaiters.push(then);
}

process.on('uncaughtException', (err) => {
  handleFatal(err, undefined);
});
process.on('unhandledRejection', (reason) => {
  const message = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  handleFatal(new RuntimeError('Runtime.UnhandledPromiseRejection', message), 'Runtime.UnhandledPromiseRejection');
});

function handleFatal(err: unknown, typeOverride: string | undefined): void {
  console.error('Uncaught Exception', err instanceof Error ? (err.stack ?? err.message) : err);
  const requestId = pendingInvocation;
  const exit = (): never => process.exit(typeOverride ? 128 : 129);
  if (requestId) postError(`/runtime/invocation/${requestId}/error`, err, typeOverride).then(exit, exit);
  else exit();
}

async function main(): Promise<void> {
  patchConsole();
  let handler: Handler;
  try {
    handler = await loadHandler();
  } catch (err) {
    console.error('Init Error', err instanceof Error ? err.message : err);
    await postError('/runtime/init/error', err);
    process.exit(1);
  }
  let next = connection.send([NEXT])[0] as Promise<ApiResponse>;
  for (;;) {
    const inv = toInvocation(await next);
    currentRequestId = inv.requestId;
    pendingInvocation = inv.requestId;
    if (inv.traceId) process.env._X_AMZN_TRACE_ID = inv.traceId;
    else delete process.env._X_AMZN_TRACE_ID;
    ({ next } = await runInvocation(handler, inv));
    pendingInvocation = undefined;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bootstrap failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
