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
import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { invocationScope, runConcurrentLoop } from './concurrent-loop';
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
import { startWorkers } from './workers';

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
    const stdout = directWriter(1, process.stdout);
    const stderr = directWriter(2, process.stderr);
    // A function (or a logger such as the kit's) may write to process.stdout itself: the same rule applies.
    writeThrough(process.stdout, stdout);
    writeThrough(process.stderr, stderr);
    patchConsole(console, {
      stdout,
      stderr,
      requestId: () => invocationScope.getStore()?.requestId,
      format: settings.logFormat,
      level: settings.logLevel,
    });
    installAwsLambdaGlobal(globalThis, process.env);
    const store = await openInvokeStore();
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

/**
 * A worker's console lines, written straight to the process's descriptor: a worker's `process.stdout` hands
 * its writes to the main thread asynchronously, so a line logged just before the handler returns could
 * otherwise reach the runtime after the invocation's response, and miss its log tail. The main thread's
 * stdout is synchronous on a Linux pipe, so this keeps the same rule: a full pipe (EAGAIN, the descriptor
 * being non-blocking) waits a millisecond and tries again, and a partial write goes on with the rest. After
 * a second of a pipe nobody reads, the stream takes the rest.
 */
function directWriter(fd: number, stream: NodeJS.WriteStream): { write(text: string): void } {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  // Taken now: writeThrough replaces the stream's own write with this writer.
  const fallback = stream.write.bind(stream);
  return {
    write(text) {
      let rest = Buffer.from(text);
      for (let waited = 0; rest.length > 0; ) {
        try {
          rest = rest.subarray(writeSync(fd, rest));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EAGAIN' || waited >= 1000) {
            fallback(rest);
            return;
          }
          Atomics.wait(pause, 0, 0, 1);
          waited += 1;
        }
      }
    },
  };
}

/** Makes a worker's `process.stdout` / `process.stderr` write through `writer` at once, as on the main thread. */
function writeThrough(stream: NodeJS.WriteStream, writer: { write(text: string): void }): void {
  stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
    writer.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  }) as NodeJS.WriteStream['write'];
}

/** Each worker's open GET /next requests: its share of the concurrency, at most 8 (see concurrent-loop.ts). */
function pollersPerWorker(maxConcurrency: number, workers: number): number {
  return Math.max(1, Math.min(8, Math.ceil(maxConcurrency / workers)));
}

function bootstrapFailed(err: unknown): void {
  process.stderr.write(`bootstrap failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
}
