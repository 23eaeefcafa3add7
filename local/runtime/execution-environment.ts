import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EnvironmentProcess } from './environment-process';
import { environmentId } from './ids';
import { onLines } from './lines';
import { type LogTail, startLine, timeoutLine, timeoutPayload } from './logs';
import type { MemoryMonitor, MemorySample, Watched } from './memory-monitor';
import type { OrphanGuard } from './orphan-guard';
import {
  type HeldNext,
  type RuntimeApiHandler,
  type RuntimeApiServer,
  startRuntimeApiServer,
} from './runtime-api-server';
import { type NodeBinary, spawnEnvironmentProcess } from './runtime-executor';
import type { EndReason, EnvironmentInfo, EnvironmentState, FunctionDefinition } from './types';

/** Everything an environment needs to start, fixed at creation (a config update makes new environments). */
export interface EnvironmentSpec {
  readonly fn: FunctionDefinition;
  readonly node: NodeBinary;
  readonly bootstrapFile: string;
  readonly region: string;
  readonly extraEnv: Readonly<Record<string, string>>;
  readonly freeze: boolean;
  readonly provisioned: boolean;
  readonly memoryMonitor: MemoryMonitor;
  readonly orphanGuard: OrphanGuard;
}

/** How an environment reports to its owner. */
export interface EnvironmentHooks {
  log(env: ExecutionEnvironment, stream: 'stdout' | 'stderr' | 'platform', line: string): void;
  /** Whether anyone will see a log line now (a subscriber, or the invocation's tail). */
  wantsLogs(tail: LogTail | undefined): boolean;
  stateChanged(env: ExecutionEnvironment, from: EnvironmentState): void;
  ended(env: ExecutionEnvironment, reason: EndReason): void;
}

export type InitOutcome =
  | { readonly ok: true; readonly durationMs: number }
  | {
      readonly ok: false;
      readonly status: 'error' | 'timeout';
      readonly durationMs: number;
      readonly errorType: string;
      readonly payload: Buffer;
    };

export type InvokeOutcome =
  | { readonly kind: 'response'; readonly payload: Buffer; readonly durationMs: number }
  | {
      readonly kind: 'error' | 'timeout' | 'crash' | 'out-of-memory';
      readonly payload: Buffer;
      readonly errorType: string;
      readonly durationMs: number;
    }
  /** The process died before the event reached it: nothing ran, so the invoke may go elsewhere. */
  | { readonly kind: 'not-delivered' };

export interface InvocationRequest {
  readonly requestId: string;
  readonly payload: Buffer;
  readonly deadlineMs: number;
  readonly invokedFunctionArn: string;
  readonly traceId: string;
  readonly clientContext?: string;
  readonly cognitoIdentity?: string;
  readonly tail: LogTail | undefined;
}

interface Pending {
  readonly request: InvocationRequest;
  readonly resolve: (outcome: InvokeOutcome) => void;
  delivered: boolean;
  deliveredAt: number;
  timer: NodeJS.Timeout | undefined;
}

const EMPTY_EVENT = Buffer.from('{}');

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '/');
}

/**
 * The life cycle of one execution environment: one OS process running the bootstrap, its own
 * Runtime API listener, INIT, one invocation at a time, freeze between them, SHUTDOWN.
 */
export class ExecutionEnvironment implements RuntimeApiHandler, Watched {
  readonly id = environmentId();
  readonly createdAt = Date.now();
  readonly logStream: string;
  readonly functionName: string;
  readonly provisioned: boolean;
  readonly memoryLimitKb: number;
  state: EnvironmentState = 'initializing';
  invocations = 0;
  lastUsedAt = this.createdAt;
  peakKb = 0;
  lastMemoryReadAt = 0;
  initDurationMs: number | undefined;
  endedAt: number | undefined;
  endReason: EndReason | undefined;
  /** Set by a configuration update or max lifetime: finish the current invocation, then shut down. */
  retired = false;
  /** The request whose logs the process is writing now. */
  currentRequestId: string | undefined;
  currentTail: LogTail | undefined;

  private proc: EnvironmentProcess | undefined;
  private api: RuntimeApiServer | undefined;
  private heldNext: HeldNext | undefined;
  private pending: Pending | undefined;
  private frozen = false;
  /** Whether the client's last request for the next event said it stops itself. */
  private selfFreezing = false;
  private exited = false;
  private spawnedAt = 0;
  private initWaiter: ((outcome: InitOutcome) => void) | undefined;
  private initTimer: NodeJS.Timeout | undefined;
  private readonly exitWaiters: Array<() => void> = [];

  constructor(
    private readonly spec: EnvironmentSpec,
    private readonly hooks: EnvironmentHooks,
  ) {
    this.functionName = spec.fn.name;
    this.provisioned = spec.provisioned;
    this.memoryLimitKb = spec.fn.memorySize * 1024;
    this.logStream = `${isoDay(new Date(this.createdAt))}/[$LATEST]${this.id}`;
  }

  /** The Node process's pid (undefined for the first moment after spawn). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** True while the environment can take an invocation (idle, frozen, or between /response and /next). */
  get available(): boolean {
    return !this.exited && !this.pending && !this.retired && (this.state === 'idle' || this.state === 'frozen');
  }

  info(): EnvironmentInfo {
    return {
      id: this.id,
      function: this.functionName,
      state: this.state,
      invocations: this.invocations,
      createdAt: new Date(this.createdAt).toISOString(),
      lastUsedAt: new Date(this.lastUsedAt).toISOString(),
      ...(this.endedAt !== undefined ? { endedAt: new Date(this.endedAt).toISOString() } : {}),
      ...(this.endReason !== undefined ? { endReason: this.endReason } : {}),
      peakMemoryMb: Math.ceil(this.peakKb / 1024),
      pid: this.proc?.pid,
      logStream: this.logStream,
      ...(this.initDurationMs !== undefined ? { initDurationMs: this.initDurationMs } : {}),
      provisioned: this.provisioned,
    };
  }

  /** Starts the process and runs INIT, capped at `timeoutMs`. */
  async start(timeoutMs: number): Promise<InitOutcome> {
    const { fn } = this.spec;
    this.api = await startRuntimeApiServer(this);
    const runtimeDir = path.dirname(this.spec.bootstrapFile);
    const lambdaEnv: Record<string, string> = {
      PATH: `${path.dirname(this.spec.node.path)}:/usr/local/bin:/usr/bin:/bin`,
      LANG: 'en_US.UTF-8',
      TZ: ':UTC',
      NODE_PATH: [path.join(runtimeDir, 'node_modules'), runtimeDir, fn.codeDir].join(':'),
      AWS_REGION: this.spec.region,
      AWS_DEFAULT_REGION: this.spec.region,
      // Lambda hands every environment its role's credentials; locally they are placeholders.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SESSION_TOKEN: 'local',
      AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
      // The bootstrap's, deleted before the handler loads: stop yourself once you ask for the next
      // event. Before the function's own variables, so a test can set it to 0 and have the runtime
      // freeze the process instead, as it does any runtime client that does not stop itself.
      ...(this.spec.freeze ? { LOCAL_LAMBDA_SELF_FREEZE: '1' } : {}),
      ...this.spec.extraEnv,
      ...fn.environment,
      AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
      AWS_LAMBDA_LOG_STREAM_NAME: this.logStream,
      AWS_LAMBDA_INITIALIZATION_TYPE: this.provisioned ? 'provisioned-concurrency' : 'on-demand',
      AWS_LAMBDA_RUNTIME_API: this.api.address,
      LAMBDA_TASK_ROOT: fn.codeDir,
      LAMBDA_RUNTIME_DIR: runtimeDir,
      _HANDLER: fn.handler,
    };
    this.spawnedAt = performance.now();
    const proc = spawnEnvironmentProcess({
      node: this.spec.node,
      bootstrapFile: this.spec.bootstrapFile,
      taskRoot: fn.codeDir,
      env: lambdaEnv,
      memorySize: fn.memorySize,
    });
    this.proc = proc;
    if (proc.groupId !== undefined) this.spec.orphanGuard.add(proc.groupId);
    onLines(proc.stdout, (line) => this.hooks.log(this, 'stdout', line));
    onLines(proc.stderr, (line) => this.hooks.log(this, 'stderr', line));
    proc.onExit(({ code, signal }) => this.onExit(code, signal));
    this.spec.memoryMonitor.watch(this);
    return new Promise<InitOutcome>((resolve) => {
      this.initWaiter = resolve;
      this.initTimer = setTimeout(() => {
        this.endReason = 'init-failure';
        this.kill('SIGKILL');
        this.finishInit({
          ok: false,
          status: 'timeout',
          durationMs: performance.now() - this.spawnedAt,
          errorType: 'Sandbox.Timedout',
          payload: timeoutPayload(undefined, timeoutMs / 1000),
        });
      }, timeoutMs);
    });
  }

  /** Runs one invocation; resolves when the runtime answers, or the environment times out or dies. */
  invoke(request: InvocationRequest): Promise<InvokeOutcome> {
    return new Promise<InvokeOutcome>((resolve) => {
      if (this.exited) return resolve({ kind: 'not-delivered' });
      this.pending = { request, resolve, delivered: false, deliveredAt: 0, timer: undefined };
      this.setState('busy');
      if (this.heldNext) this.deliver();
    });
  }

  /** SHUTDOWN: SIGTERM, `graceMs`, then SIGKILL. Resolves once the process is gone. */
  shutdown(reason: EndReason, graceMs: number): Promise<void> {
    if (this.exited) return Promise.resolve();
    this.endReason ??= reason;
    this.retired = true;
    const done = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    this.kill('SIGTERM');
    if (this.frozen) this.thaw();
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    timer.unref();
    return done;
  }

  /** Ends the process at once (parent exit path); never throws. */
  killNow(): void {
    this.kill('SIGKILL');
  }

  /** The invocation's END and REPORT are written: later lines of the process belong to no request. */
  endInvocationLogs(requestId: string): void {
    if (this.currentRequestId !== requestId) return;
    this.currentRequestId = undefined;
    this.currentTail = undefined;
  }

  /** Reads the peak memory now (for a REPORT line). */
  refreshMemory(): void {
    this.lastMemoryReadAt = performance.now();
    const sample = this.sampleMemory();
    if (sample && sample.peakKb > this.peakKb) this.peakKb = sample.peakKb;
  }

  sampleMemory(): MemorySample | undefined {
    return this.exited ? undefined : this.proc?.memory();
  }

  onSample(sample: MemorySample): void {
    if (sample.peakKb > this.peakKb) this.peakKb = sample.peakKb;
    if (sample.rssKb <= this.memoryLimitKb || this.exited) return;
    const message = 'Runtime exited with error: signal: killed';
    this.endReason = 'out-of-memory';
    this.retired = true;
    this.kill('SIGKILL');
    if (this.initWaiter) {
      this.finishInit({
        ok: false,
        status: 'error',
        durationMs: performance.now() - this.spawnedAt,
        errorType: 'Runtime.OutOfMemory',
        payload: Buffer.from(JSON.stringify({ errorType: 'Runtime.OutOfMemory', errorMessage: message })),
      });
    } else if (this.pending?.delivered) {
      const id = this.pending.request.requestId;
      this.settle('out-of-memory', 'Runtime.OutOfMemory', `RequestId: ${id} Error: ${message}`);
    }
  }

  // Runtime API ------------------------------------------------------------------------------

  next(res: HeldNext): void {
    if (this.exited) return void res.socket.destroy();
    this.heldNext = res;
    // A client that freezes itself is stopping as this arrives (or has stopped): it needs a thaw either way.
    this.selfFreezing = res.selfFreeze;
    if (res.selfFreeze) this.frozen = true;
    if (this.initWaiter) {
      this.initDurationMs = performance.now() - this.spawnedAt;
      this.finishInit({ ok: true, durationMs: this.initDurationMs });
    }
    if (this.pending && !this.pending.delivered) {
      this.deliver();
      return;
    }
    if (this.state === 'initializing') this.setState('idle');
    this.spec.memoryMonitor.unwatch(this);
    // Lambda freezes the environment when its runtime asks for the next event and none is there.
    // Our bootstrap stops itself; another runtime client gets a SIGSTOP at the end of this loop
    // turn, so the caller's response goes out first.
    // A retired environment (shutting down, or to be) must not stay stopped: its SIGTERM handler has to run.
    if (res.selfFreeze && this.retired) this.thaw();
    else if (res.selfFreeze) this.setState('frozen');
    else if (this.spec.freeze && !this.frozen) setImmediate(this.freezeIfIdle);
  }

  private readonly freezeIfIdle = (): void => {
    if (this.frozen || this.exited || this.retired || this.pending || !this.heldNext || this.proc?.pid === undefined)
      return;
    // False when the process is already gone: its exit event ends the environment.
    if (this.proc.signal('SIGSTOP')) {
      this.frozen = true;
      this.setState('frozen');
    }
  };

  response(requestId: string, body: Buffer): boolean {
    const p = this.pending;
    if (!p?.delivered || p.request.requestId !== requestId) return false;
    this.settleWith({ kind: 'response', payload: body, durationMs: performance.now() - p.deliveredAt });
    return true;
  }

  error(requestId: string, body: Buffer, errorType: string | undefined): boolean {
    const p = this.pending;
    if (!p?.delivered || p.request.requestId !== requestId) return false;
    this.settleWith({
      kind: 'error',
      payload: body,
      errorType: errorType ?? errorTypeOf(body) ?? 'Unhandled',
      durationMs: performance.now() - p.deliveredAt,
    });
    return true;
  }

  initError(body: Buffer, errorType: string | undefined): void {
    if (!this.initWaiter) return;
    this.endReason = 'init-failure';
    this.finishInit({
      ok: false,
      status: 'error',
      durationMs: performance.now() - this.spawnedAt,
      errorType: errorType ?? errorTypeOf(body) ?? 'Runtime.Unknown',
      payload: body,
    });
    this.kill('SIGKILL');
  }

  // internals --------------------------------------------------------------------------------

  private deliver(): void {
    const p = this.pending;
    const res = this.heldNext;
    if (!p || !res) return;
    this.heldNext = undefined;
    const r = p.request;
    this.currentRequestId = r.requestId;
    this.currentTail = r.tail;
    if (this.hooks.wantsLogs(r.tail)) this.hooks.log(this, 'platform', startLine(r.requestId, '$LATEST'));
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': r.payload.length || EMPTY_EVENT.length,
      'lambda-runtime-aws-request-id': r.requestId,
      'lambda-runtime-deadline-ms': r.deadlineMs,
      'lambda-runtime-invoked-function-arn': r.invokedFunctionArn,
      'lambda-runtime-trace-id': r.traceId,
    };
    if (r.clientContext) headers['lambda-runtime-client-context'] = r.clientContext;
    if (r.cognitoIdentity) headers['lambda-runtime-cognito-identity'] = r.cognitoIdentity;
    res.writeEvent(headers, r.payload.length ? r.payload : EMPTY_EVENT);
    // Write, then thaw: a write does not wake a stopped process, so the SIGCONT is its only
    // wake-up and it finds the event waiting. Thawing first costs a second wake-up when the
    // process is back asleep in epoll before the write lands (each is tens of µs on a VM).
    if (this.frozen) this.thaw();
    p.delivered = true;
    p.deliveredAt = performance.now();
    this.spec.memoryMonitor.watch(this);
    p.timer = setTimeout(() => this.onTimeout(), Math.max(r.deadlineMs - Date.now(), 0));
  }

  private onTimeout(): void {
    const p = this.pending;
    if (!p) return;
    const seconds = this.spec.fn.timeout;
    this.endReason = 'timeout';
    this.retired = true;
    this.kill('SIGKILL');
    this.hooks.log(this, 'platform', timeoutLine(p.request.requestId, seconds));
    this.settleWith({
      kind: 'timeout',
      errorType: 'Sandbox.Timedout',
      payload: timeoutPayload(p.request.requestId, seconds),
      durationMs: performance.now() - p.deliveredAt,
    });
  }

  private settle(kind: 'timeout' | 'crash' | 'out-of-memory', errorType: string, errorMessage: string): void {
    const p = this.pending;
    if (!p) return;
    this.settleWith({
      kind,
      errorType,
      payload: Buffer.from(JSON.stringify({ errorType, errorMessage })),
      durationMs: performance.now() - p.deliveredAt,
    });
  }

  private settleWith(outcome: InvokeOutcome): void {
    const p = this.pending;
    if (!p) return;
    if (p.timer) clearTimeout(p.timer);
    this.pending = undefined;
    this.spec.memoryMonitor.unwatch(this);
    if (outcome.kind !== 'not-delivered') {
      this.invocations += 1;
      this.lastUsedAt = Date.now();
    }
    if (!this.exited && this.state === 'busy') this.setState('idle');
    p.resolve(outcome);
  }

  private finishInit(outcome: InitOutcome): void {
    const waiter = this.initWaiter;
    if (!waiter) return;
    this.initWaiter = undefined;
    if (this.initTimer) clearTimeout(this.initTimer);
    waiter(outcome);
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    this.exited = true;
    this.frozen = false;
    if (this.proc?.groupId !== undefined) this.spec.orphanGuard.remove(this.proc.groupId);
    this.spec.memoryMonitor.unwatch(this);
    const how = signal ? `signal: ${signalName(signal)}` : `exit status ${code ?? 'unknown'}`;
    if (this.initWaiter) {
      this.endReason ??= 'init-failure';
      this.finishInit({
        ok: false,
        status: 'error',
        durationMs: performance.now() - this.spawnedAt,
        errorType: 'Runtime.ExitError',
        payload: Buffer.from(
          JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${how}` }),
        ),
      });
    }
    const p = this.pending;
    if (p && !p.delivered) {
      this.settleWith({ kind: 'not-delivered' });
    } else if (p) {
      this.endReason ??= 'crash';
      this.settle(
        'crash',
        'Runtime.ExitError',
        `RequestId: ${p.request.requestId} Error: Runtime exited with error: ${how}`,
      );
    }
    this.endReason ??= 'crash';
    this.api?.close();
    this.heldNext = undefined;
    const from = this.state;
    this.state = 'shutdown';
    this.endedAt = Date.now();
    this.hooks.stateChanged(this, from);
    this.hooks.ended(this, this.endReason);
    for (const w of this.exitWaiters.splice(0)) w();
  }

  private setState(next: EnvironmentState): void {
    const from = this.state;
    if (from === next) return;
    this.state = next;
    this.hooks.stateChanged(this, from);
  }

  private thaw(): void {
    this.frozen = false;
    if (this.selfFreezing) this.continueOnceStopped(0);
    else this.kill('SIGCONT');
  }

  /**
   * A self-freezing client stops a moment after its request for the next event leaves; a SIGCONT
   * before that moment would be lost and leave it stopped with its event unread. So wait for it
   * to be stopped (almost always already), then continue it.
   */
  private continueOnceStopped(attempt: number): void {
    const proc = this.proc;
    if (!proc || this.exited) return; // gone: its exit event ends the environment
    // The event can come before the shell has reported Node's pid (a starved shell): wait for it.
    if (proc.pid === undefined) return void proc.whenPid().then(() => this.continueOnceStopped(attempt));
    const state = proc.schedulerState();
    if (state === undefined) return;
    if (state === 'T') {
      this.kill('SIGCONT');
      return;
    }
    if (attempt < 50) setImmediate(() => this.continueOnceStopped(attempt + 1));
    else setTimeout(() => this.continueOnceStopped(attempt + 1), 1);
  }

  /** SIGKILL ends the whole sandbox (the process group, with anything the function started), as Lambda's does. */
  private kill(signal: NodeJS.Signals): void {
    if (this.exited) return;
    if (signal === 'SIGKILL') this.proc?.killGroup();
    else this.proc?.signal(signal);
  }
}

function errorTypeOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errorType?: unknown };
    return typeof parsed.errorType === 'string' ? parsed.errorType : undefined;
  } catch {
    return undefined;
  }
}

function signalName(signal: NodeJS.Signals): string {
  // Go's os/exec wording, which Lambda's messages use ("signal: killed").
  const names: Partial<Record<NodeJS.Signals, string>> = {
    SIGKILL: 'killed',
    SIGTERM: 'terminated',
    SIGABRT: 'aborted',
    SIGSEGV: 'segmentation fault',
  };
  return names[signal] ?? signal;
}
