/**
 * The runtime client that runs inside every execution environment: a Node process that loads the
 * handler (LAMBDA_TASK_ROOT + _HANDLER) and speaks the Lambda Runtime API to
 * AWS_LAMBDA_RUNTIME_API, as Lambda's Node runtime does. Bundled by esbuild at runtime start;
 * it may import only Node built-ins, its own folder and `common/`.
 *
 * This entry is the only module with side effects: it reads the environment, wires the modules
 * to this process and runs the loop. Each concept lives in its own module beside it.
 *
 * Under Lambda Managed Instances (AWS_LAMBDA_MAX_CONCURRENCY set) the same file runs twice over: the main
 * thread starts the worker threads (workers.ts) and each worker runs it again to load the handler and serve
 * invocations concurrently (concurrent-loop.ts).
 */
import { isMainThread } from 'node:worker_threads';
import { runConcurrentLoop } from './concurrent-loop';
import { type ApiResponse, type ChunkedRequest, RuntimeApiConnection } from './connection';
import { EventLoopDrain } from './event-loop-drain';
import { reportExitStatus } from './exit-status';
import { exitOnFatalErrors } from './fatal';
import { freeze } from './freeze';
import { initHandler } from './init';
import type { InvokeOptions } from './invoke';
import { openInvokeStore } from './invoke-store';
import { patchConsole } from './logging';
import { exitWithParent } from './parent-lifeline';
import { RuntimeClient } from './runtime-client';
import { type InvocationState, runLoop } from './runtime-loop';
import { takeSettings } from './settings';
import { installAwsLambdaGlobal, type StreamingInvokeOptions } from './streaming';
import { writeOutputDirectly } from './worker-output';
import { pollersPerWorker, startWorkers } from './workers';

const settings = takeSettings(process.env, process.cwd());
const logError = (...args: unknown[]): void => console.error(...args);
const onRuntimeApiLost = (err: unknown): void => {
  process.stderr.write(`runtime API unreachable: ${String(err)}\n`);
  process.exit(1);
};

if (settings.maxConcurrency === undefined) runClassic();
else if (isMainThread) runWorkersMain();
else runWorker();

/** One invocation at a time, on one pipelined connection; frozen between invocations. */
function runClassic(): void {
  if (settings.statusFd !== undefined) reportExitStatus(process, settings.statusFd);
  exitWithParent(process.stdin, (code) => process.exit(code));

  const state: InvocationState = { requestId: undefined, pendingRequestId: undefined };
  const connection = new RuntimeApiConnection({
    host: settings.apiHost,
    port: settings.apiPort,
    ...(settings.selfFreeze ? { onNextWritten: () => freeze(process.pid) } : {}),
  });
  const client = new RuntimeClient(connection, { selfFreeze: settings.selfFreeze });
  const reportError = (path: string, err: unknown, typeOverride?: string): Promise<void> =>
    client.reportError(path, err, typeOverride);
  const drain = new EventLoopDrain(process);

  exitOnFatalErrors({
    emitter: process,
    reportError,
    pendingRequestId: () => state.pendingRequestId,
    log: logError,
    exit: (code) => process.exit(code),
  });

  const invoke: InvokeOptions = {
    env: process.env,
    callbacksAllowed: settings.callbacksAllowed,
    respond: (requestId, err, result) => client.respond(requestId, err, result),
    waitForEmptyLoop: (then) => drain.wait(then),
    onRuntimeApiLost,
  };

  const streaming: StreamingInvokeOptions = {
    env: process.env,
    callbacksAllowed: false,
    openResponse: (requestId, contentType) => client.openResponse(requestId, contentType),
    next: () => client.next(),
    onRuntimeApiLost,
  };

  async function main(): Promise<void> {
    patchConsole(console, {
      stdout: process.stdout,
      stderr: process.stderr,
      requestId: () => state.requestId,
      format: settings.logFormat,
      level: settings.logLevel,
    });
    // Before the handler module loads: its top level calls awslambda.streamifyResponse.
    installAwsLambdaGlobal(globalThis, process.env);
    const store = await openInvokeStore();
    const handler = await initHandler({ ...settings, reportError, log: logError });
    if (!handler) process.exit(1);
    await runLoop(handler, { client, invoke, state, streaming, store });
  }
  main().catch(bootstrapFailed);
}

/** Managed Instances, main thread: the workers do the work; the process ends with the last of them. */
function runWorkersMain(): void {
  if (settings.statusFd !== undefined) reportExitStatus(process, settings.statusFd);
  exitWithParent(process.stdin, (code) => process.exit(code));
  startWorkers({
    file: process.argv[1] ?? '',
    count: settings.workers,
    log: (line) => process.stderr.write(line),
    exit: (code) => process.exit(code),
  });
}

/** Managed Instances, one worker thread: INIT once, then invocations concurrently. */
function runWorker(): void {
  const connect = (): RuntimeApiConnection =>
    new RuntimeApiConnection({ host: settings.apiHost, port: settings.apiPort });
  // GET /next is held until there is an event, so answers travel on a connection of their own.
  const pollers = Array.from({ length: pollersPerWorker(settings.maxConcurrency ?? 1, settings.workers) }, () => {
    const client = new RuntimeClient(connect(), { selfFreeze: false });
    return () => client.next();
  });
  const posts = new RuntimeClient(connect(), { selfFreeze: false });
  const pending = new Set<string>();
  const reportError = (path: string, err: unknown, typeOverride?: string): Promise<void> =>
    posts.reportError(path, err, typeOverride);
  exitOnFatalErrors({
    emitter: process,
    reportError,
    pendingRequestId: () => [...pending],
    log: logError,
    // In a worker thread this ends the worker alone; workers.ts decides about the process.
    exit: (code) => process.exit(code),
  });
  // A streamed response holds its connection until its last chunk: each gets one of its own, reused after.
  const idleStreams: RuntimeClient[] = [];
  const openResponse = (requestId: string, contentType: string): ChunkedRequest => {
    const client = idleStreams.pop() ?? new RuntimeClient(connect(), { selfFreeze: false });
    const request = client.openResponse(requestId, contentType);
    return {
      write: (chunk, done) => request.write(chunk, done),
      end: (trailers) =>
        request.end(trailers).finally(() => {
          idleStreams.push(client);
        }),
    };
  };
  const accepted: Promise<ApiResponse> = Promise.resolve({ status: 202, headers: {}, body: '' });

  async function main(): Promise<void> {
    const { stdout, stderr } = writeOutputDirectly(process);
    installAwsLambdaGlobal(globalThis, process.env);
    const store = await openInvokeStore();
    patchConsole(console, {
      stdout,
      stderr,
      requestId: () => (store.hasContext() ? store.getRequestId() : undefined),
      format: settings.logFormat,
      level: settings.logLevel,
    });
    // Callback handlers are refused under Managed Instances on every Node major (nodejs22.x included).
    const handler = await initHandler({ ...settings, callbacksAllowed: false, reportError, log: logError });
    if (!handler) process.exit(1);
    await runConcurrentLoop(handler, {
      pollers,
      answer: (requestId, err, result) => posts.answer(requestId, err, result),
      invoke: {
        env: process.env,
        callbacksAllowed: false,
        waitForEmptyLoop: (then) => then(),
        onRuntimeApiLost,
      },
      pending,
      store,
      streaming: { env: process.env, callbacksAllowed: false, openResponse, next: () => accepted, onRuntimeApiLost },
    });
  }
  main().catch(bootstrapFailed);
}

function bootstrapFailed(err: unknown): void {
  process.stderr.write(`bootstrap failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
}
