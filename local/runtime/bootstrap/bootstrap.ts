/**
 * The runtime client that runs inside every execution environment: a Node process that loads the
 * handler (LAMBDA_TASK_ROOT + _HANDLER) and speaks the Lambda Runtime API to
 * AWS_LAMBDA_RUNTIME_API, as Lambda's Node runtime does. Bundled by esbuild at runtime start;
 * it may import only Node built-ins, its own folder and `common/`.
 *
 * This entry is the only module with side effects: it reads the environment, wires the modules
 * to this process and runs the loop. Each concept lives in its own module beside it.
 */
import { RuntimeApiConnection } from './connection';
import { EventLoopDrain } from './event-loop-drain';
import { reportExitStatus } from './exit-status';
import { exitOnFatalErrors } from './fatal';
import { freeze } from './freeze';
import { initHandler } from './init';
import type { InvokeOptions } from './invoke';
import { patchConsole } from './logging';
import { exitWithParent } from './parent-lifeline';
import { RuntimeClient } from './runtime-client';
import { type InvocationState, runLoop } from './runtime-loop';
import { takeSettings } from './settings';
import { installAwsLambdaGlobal, type StreamingInvokeOptions } from './streaming';

const settings = takeSettings(process.env, process.cwd());
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
const logError = (...args: unknown[]): void => console.error(...args);
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
  onRuntimeApiLost: (err) => {
    process.stderr.write(`runtime API unreachable: ${String(err)}\n`);
    process.exit(1);
  },
};

const streaming: StreamingInvokeOptions = {
  env: process.env,
  callbacksAllowed: false,
  openResponse: (requestId, contentType) => client.openResponse(requestId, contentType),
  next: () => client.next(),
  onRuntimeApiLost: invoke.onRuntimeApiLost,
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
  const handler = await initHandler({ ...settings, reportError, log: logError });
  if (!handler) process.exit(1);
  await runLoop(handler, { client, invoke, state, streaming });
}

main().catch((err: unknown) => {
  process.stderr.write(`bootstrap failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
