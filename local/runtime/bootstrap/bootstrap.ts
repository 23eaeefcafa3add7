/**
 * The runtime client that runs inside every execution environment: a Node process that loads the
 * handler (LAMBDA_TASK_ROOT + _HANDLER) and speaks the Lambda Runtime API to
 * AWS_LAMBDA_RUNTIME_API, as Lambda's Node runtime does. Bundled by esbuild at runtime start;
 * it may import only Node built-ins.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
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
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const executionEnv = process.env.AWS_EXECUTION_ENV ?? '';
const runtimeMajor = Number(/nodejs(\d+)/.exec(executionEnv)?.[1] ?? '24');
const callbacksAllowed = runtimeMajor < 24;
let currentRequestId: string | undefined;

// The parent holds our stdin open; when it goes away (even killed), we go too, leaving no orphan.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
(process.stdin as unknown as { unref?: () => void }).unref?.();

function patchConsole(): void {
  // Lambda's Node runtime prefixes each console line with time, request id and level.
  const write = (level: string, stream: NodeJS.WriteStream) => (...args: unknown[]) => {
    stream.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${format(...args)}\n`);
  };
  console.log = write('INFO', process.stdout);
  console.info = write('INFO', process.stdout);
  console.debug = write('DEBUG', process.stdout);
  console.warn = write('WARN', process.stderr);
  console.error = write('ERROR', process.stderr);
  console.trace = write('TRACE', process.stderr);
}

function request(
  method: string,
  urlPath: string,
  body?: string,
  headers?: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: apiHost,
        port: apiPort,
        method,
        path: `/2018-06-01${urlPath}`,
        agent,
        headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function errorPayload(err: unknown, typeOverride?: string): { errorType: string; errorMessage: string; trace: string[] } {
  if (err instanceof Error) {
    return {
      errorType: typeOverride ?? (err.name && err.name !== 'Error' ? err.name : err.constructor?.name || 'Error'),
      errorMessage: err.message,
      trace: (err.stack ?? '').split('\n'),
    };
  }
  return { errorType: typeOverride ?? 'string', errorMessage: typeof err === 'string' ? err : format(err), trace: [] };
}

class RuntimeError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}

async function postError(urlPath: string, err: unknown, typeOverride?: string): Promise<void> {
  const payload = err instanceof RuntimeError ? errorPayload(err, err.errorType) : errorPayload(err, typeOverride);
  await request('POST', urlPath, JSON.stringify(payload), {
    'content-type': 'application/json',
    'lambda-runtime-function-error-type': payload.errorType,
  });
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
const importModule = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<Record<string, unknown>>;

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
    if (err instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', `${err.name}: ${err.message}`);
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

async function nextInvocation(): Promise<Invocation> {
  const res = await request('GET', '/runtime/invocation/next');
  const h = res.headers;
  const one = (name: string): string | undefined => {
    const v = h[name];
    return Array.isArray(v) ? v[0] : v;
  };
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

async function postResult(requestId: string, err: unknown, result: unknown): Promise<void> {
  if (err !== null && err !== undefined) {
    await postError(`/runtime/invocation/${requestId}/error`, err);
    return;
  }
  let body: string;
  try {
    body = result === undefined ? 'null' : JSON.stringify(result);
  } catch (serializeError) {
    await postError(`/runtime/invocation/${requestId}/error`, serializeError, 'Runtime.MalformedHandlerResponse');
    return;
  }
  await request('POST', `/runtime/invocation/${requestId}/response`, body, { 'content-type': 'application/json' });
}

function runInvocation(handler: Handler, inv: Invocation): Promise<void> {
  return new Promise<void>((resolve) => {
    let settled = false;
    let context: Record<string, unknown>;
    const finish = (err: unknown, result: unknown): void => {
      if (settled) return;
      settled = true;
      const send = (): void => {
        postResult(inv.requestId, err, result).then(resolve, (postErr: unknown) => {
          process.stderr.write(`runtime API unreachable: ${String(postErr)}\n`);
          process.exit(1);
        });
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
    const payload = err instanceof RuntimeError ? err : err;
    console.error('Init Error', err instanceof Error ? err.message : err);
    await postError('/runtime/init/error', payload);
    process.exit(1);
  }
  for (;;) {
    const inv = await nextInvocation();
    currentRequestId = inv.requestId;
    pendingInvocation = inv.requestId;
    if (inv.traceId) process.env._X_AMZN_TRACE_ID = inv.traceId;
    else delete process.env._X_AMZN_TRACE_ID;
    await runInvocation(handler, inv);
    pendingInvocation = undefined;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bootstrap failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
