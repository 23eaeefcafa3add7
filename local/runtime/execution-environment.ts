import { performance } from 'node:perf_hooks';
import { EnvironmentLifecycle, type LifecycleState } from './environment-state';
import { lambdaVariables } from './environment-variables';
import { environmentId } from './ids';
import type { InspectorPorts } from './inspector-ports';
import { type LogTail, timeoutPayload } from './logs';
import type { ManagedInstancesPlan } from './managed-instances';
import type { MemoryMonitor, MemorySample, Watched } from './memory-monitor';
import type { NodeBinary } from './node-binaries';
import { type InitializationType, type PlatformLogFormat, platformLogFormat } from './platform-log-format';
import {
  type HeldNext,
  type ResponseSink,
  type RuntimeApiHandler,
  type RuntimeApiServer,
  type RuntimeEvent,
  sendEvent,
  startRuntimeApiServer,
} from './runtime-api-server';
import type { ProcessExit, RuntimeEvents, RuntimeExecutor, RuntimeProcess } from './runtime-executor';
import { StreamedResponse, type StreamReceiver } from './streamed-response';
import type { EndReason, EnvironmentConcurrency, EnvironmentInfo, EnvironmentState, FunctionDefinition } from './types';

/** Everything an environment needs to start, fixed at creation (a config update makes new environments). */
export interface EnvironmentSpec {
  readonly fn: FunctionDefinition;
  readonly node: NodeBinary;
  readonly bootstrapFile: string;
  readonly region: string;
  readonly extraEnv: Readonly<Record<string, string>>;
  readonly freeze: boolean;
  readonly provisioned: boolean;
  /** SIGTERM to SIGKILL when a retired environment shuts down after its last invocation. */
  readonly shutdownGraceMs: number;
  readonly executor: RuntimeExecutor;
  readonly memoryMonitor: MemoryMonitor;
  /** A streamed response past this many bytes fails the invocation. */
  readonly streamLimitBytes: number;
  /** Whether a streamed response past its first 6 MB is slowed to AWS's documented rate. */
  readonly streamBandwidthCap: boolean;
  /**
   * Debugging: the runtime starts with the inspector on a port from here, and neither INIT nor
   * INVOKE has a timeout (a paused breakpoint must not end the environment). Freeze is off too
   * (`freeze` false): a stopped process cannot answer its debugger.
   */
  readonly inspectorPorts?: InspectorPorts;
  /**
   * Lambda Managed Instances (managed-instances.ts): up to `maxConcurrency` invocations at once over
   * worker threads, no freeze, and a timeout that fails its invocation alone. Absent: one at a time.
   */
  readonly managed?: ManagedInstancesPlan;
}

/** How an environment reports to its owner. */
export interface EnvironmentHooks {
  log(env: ExecutionEnvironment, stream: 'stdout' | 'stderr' | 'platform', line: string): void;
  /** Whether anyone will see a log line now (a subscriber, or the invocation's tail). */
  wantsLogs(tail: LogTail | undefined): boolean;
  stateChanged(env: ExecutionEnvironment, from: EnvironmentState): void;
  ended(env: ExecutionEnvironment, reason: EndReason): void;
  /** Its inspector is listening (an environment started for a debugger). */
  inspector?(env: ExecutionEnvironment): void;
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

/** One invocation for an environment: the event its runtime gets, and the tail its log lines go to. */
export interface InvocationRequest extends RuntimeEvent {
  readonly tail: LogTail | undefined;
  /** Where the chunks of a streamed response go as they arrive (a buffered response ignores it). */
  readonly stream?: StreamReceiver | undefined;
  /** Set as it ends: invocations the environment ran at that moment, this one included (REPORT shows it). */
  concurrentAtEnd?: number | undefined;
}

interface Pending {
  readonly request: InvocationRequest;
  readonly resolve: (outcome: InvokeOutcome) => void;
  delivered: boolean;
  deliveredAt: number;
  timer: NodeJS.Timeout | undefined;
}

/** The invocation a log line belongs to, and the tail it goes to. */
export interface LineOwner {
  readonly requestId: string | undefined;
  readonly tail: LogTail | undefined;
}

// The bootstrap writes `requestId` third in every JSON record, after timestamp and level.
const REQUEST_ID_FIELD = /"requestId":"([^"]+)"/;
const NOT_DELIVERED: InvokeOutcome = { kind: 'not-delivered' };
const EMPTY_PAYLOAD = Buffer.alloc(0);

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '/');
}

/**
 * The life cycle of one execution environment: its runtime (started by a {@link RuntimeExecutor}),
 * its own Runtime API listener, INIT, one invocation at a time, freeze between them, SHUTDOWN.
 * Its state changes only along {@link TRANSITIONS} (environment-state.ts).
 *
 * Under Managed Instances (`spec.managed`) it admits up to `maxConcurrency` invocations at once: each
 * waits for one of the workers' GET /next, the environment stays `busy` while any runs, and it is
 * never frozen.
 */
export class ExecutionEnvironment implements RuntimeApiHandler, Watched {
  readonly id = environmentId();
  readonly createdAt = Date.now();
  readonly logStream: string;
  readonly functionName: string;
  readonly provisioned: boolean;
  readonly memoryLimitKb: number;
  invocations = 0;
  lastUsedAt = this.createdAt;
  peakKb = 0;
  lastMemoryReadAt = 0;
  initDurationMs: number | undefined;
  endedAt: number | undefined;
  /** The request whose logs the process is writing now. */
  currentRequestId: string | undefined;
  currentTail: LogTail | undefined;
  /** The inspector's port, while an environment started for a debugger runs. */
  inspectPort: number | undefined;
  /** The inspector's WebSocket URL, once Node has printed it. */
  inspectorUrl: string | undefined;

  /** START and its kin in the function's log format (Text or JSON). */
  readonly platformLog: PlatformLogFormat;

  private readonly lifecycle = new EnvironmentLifecycle();
  private reason: EndReason | undefined;
  private proc: RuntimeProcess | undefined;
  private api: RuntimeApiServer | undefined;
  /** GET /next requests waiting for an event: at most one in classic, one per worker under LMI. */
  private readonly heldNexts: HeldNext[] = [];
  /** Invocations handed to the runtime, by request id. */
  private readonly inFlight = new Map<string, Pending>();
  /** Invocations admitted but not yet handed over: no GET /next was waiting. */
  private readonly queued: Pending[] = [];
  /** The most invocations delivered or admitted at once. */
  private peakInFlight = 0;
  /**
   * LMI: the tails of invocations that have answered but whose END and REPORT are not written yet: a line
   * the function wrote just before answering may be read after the answer, as in classic.
   */
  private readonly endingTails = new Map<string, LogTail>();
  /** How many it admits at once: 1, or the LMI plan's maximum concurrency. */
  readonly capacity: number;
  /** CPU use over the scaler's last interval (0 to 1 of its vCPUs); LMI only. */
  cpuUtilization: number | undefined;
  private spawnedAt = 0;
  private initWaiter: ((outcome: InitOutcome) => void) | undefined;
  private initTimer: NodeJS.Timeout | undefined;
  private readonly exitWaiters: Array<() => void> = [];
  private readonly runtimeEvents: RuntimeEvents = {
    stdout: (line) => this.hooks.log(this, 'stdout', line),
    stderr: (line) => {
      if (this.inspectPort !== undefined && this.inspectorUrl === undefined) this.noteInspector(line);
      this.hooks.log(this, 'stderr', line);
    },
    exit: (exit) => this.onExit(exit),
  };

  constructor(
    private readonly spec: EnvironmentSpec,
    private readonly hooks: EnvironmentHooks,
  ) {
    this.functionName = spec.fn.name;
    this.provisioned = spec.provisioned;
    this.memoryLimitKb = spec.fn.memorySize * 1024;
    this.platformLog = platformLogFormat(spec.fn);
    this.logStream = `${isoDay(new Date(this.createdAt))}/[$LATEST]${this.id}`;
    this.capacity = spec.managed?.maxConcurrency ?? 1;
  }

  /** Whether it runs on Managed Instances (many invocations at once). */
  get managed(): ManagedInstancesPlan | undefined {
    return this.spec.managed;
  }

  /** Invocations admitted and not settled: running, or waiting for a GET /next. */
  get load(): number {
    return this.inFlight.size + this.queued.length;
  }

  /** Where it is in its life cycle (see {@link TRANSITIONS}); `info().state` is what the environment list shows. */
  get state(): LifecycleState {
    return this.lifecycle.state;
  }

  /** Retired (a configuration update, its lifetime, a timeout, SHUTDOWN): it takes no new invocation. */
  get retired(): boolean {
    return this.lifecycle.retired;
  }

  /** Why it ended, or will once its process is gone. */
  get endReason(): EndReason | undefined {
    return this.reason;
  }

  /** The Node process's pid (undefined for the first moment after spawn). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /**
   * True while the environment can take an invocation: idle or frozen; under LMI also busy with room left
   * (Lambda admits up to the maximum concurrency and rejects past it, "Lambda Managed Instances execution
   * environment", Invoke phase).
   */
  get available(): boolean {
    const state = this.lifecycle.state;
    if (state === 'idle' || state === 'frozen') return true;
    return this.spec.managed !== undefined && state === 'busy' && this.load < this.capacity;
  }

  info(): EnvironmentInfo {
    return {
      id: this.id,
      function: this.functionName,
      state: this.lifecycle.shown,
      invocations: this.invocations,
      createdAt: new Date(this.createdAt).toISOString(),
      lastUsedAt: new Date(this.lastUsedAt).toISOString(),
      ...(this.endedAt !== undefined ? { endedAt: new Date(this.endedAt).toISOString() } : {}),
      ...(this.reason !== undefined ? { endReason: this.reason } : {}),
      peakMemoryMb: Math.ceil(this.peakKb / 1024),
      pid: this.proc?.pid,
      logStream: this.logStream,
      ...(this.initDurationMs !== undefined ? { initDurationMs: this.initDurationMs } : {}),
      provisioned: this.provisioned,
      ...(this.inspectPort !== undefined ? { inspectPort: this.inspectPort } : {}),
      ...(this.inspectorUrl !== undefined ? { inspectorUrl: this.inspectorUrl } : {}),
      ...(this.spec.managed ? { concurrency: this.concurrency() } : {}),
    };
  }

  /** Its concurrent invocations now (LMI; classic environments report none). */
  concurrency(): EnvironmentConcurrency {
    return {
      max: this.capacity,
      workers: this.spec.managed?.workers ?? 1,
      inFlight: this.load,
      peak: this.peakInFlight,
      ...(this.cpuUtilization !== undefined ? { cpuUtilization: this.cpuUtilization } : {}),
    };
  }

  /** Started for a debugger: no freeze, no INIT or INVOKE timeout. */
  get debugging(): boolean {
    return this.spec.inspectorPorts !== undefined;
  }

  /** Starts the runtime and runs INIT, capped at `timeoutMs`. */
  async start(timeoutMs: number): Promise<InitOutcome> {
    const { fn } = this.spec;
    if (this.spec.inspectorPorts) {
      try {
        this.inspectPort = await this.spec.inspectorPorts.take();
      } catch (err) {
        // No port left: the environment still runs, without a debugger.
        this.hooks.log(this, 'platform', `inspector not started: ${(err as Error).message}`);
      }
    }
    this.api = await startRuntimeApiServer(this);
    const env = lambdaVariables({
      fn,
      node: this.spec.node,
      bootstrapFile: this.spec.bootstrapFile,
      region: this.spec.region,
      extraEnv: this.spec.extraEnv,
      selfFreeze: this.spec.freeze && !this.spec.managed,
      provisioned: this.provisioned,
      ...(this.spec.managed ? { managed: this.spec.managed } : {}),
      logStream: this.logStream,
      environmentId: this.id,
      runtimeApi: this.api.address,
    });
    this.spawnedAt = performance.now();
    if (this.hooks.wantsLogs(undefined)) {
      const initStart = this.platformLog.initStart(this.initializationType);
      if (initStart !== undefined) this.hooks.log(this, 'platform', initStart);
    }
    this.proc = this.spec.executor.start(
      {
        node: this.spec.node,
        bootstrapFile: this.spec.bootstrapFile,
        taskRoot: fn.codeDir,
        env,
        memorySize: fn.memorySize,
        ...(this.inspectPort !== undefined ? { inspectPort: this.inspectPort } : {}),
      },
      this.runtimeEvents,
    );
    // Shut down while its Runtime API was opening: the process ends at once, through its exit.
    if (this.lifecycle.state === 'stopping') this.proc.kill();
    this.spec.memoryMonitor.watch(this);
    return new Promise<InitOutcome>((resolve) => {
      this.initWaiter = resolve;
      // A breakpoint in module scope pauses INIT for as long as the developer looks.
      if (this.debugging) return;
      this.initTimer = setTimeout(() => {
        this.abort('init-failure');
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

  /** AWS_LAMBDA_INITIALIZATION_TYPE and INIT_START's initialization type. */
  get initializationType(): InitializationType {
    if (this.spec.managed) return 'lambda-managed-instances';
    return this.provisioned ? 'provisioned-concurrency' : 'on-demand';
  }

  /** Runs one invocation; resolves when the runtime answers, or the environment times out or dies. */
  invoke(request: InvocationRequest): Promise<InvokeOutcome> {
    return new Promise<InvokeOutcome>((resolve) => {
      // Retired since it was handed out (or gone), or full: nothing ran, so the invoke may go elsewhere.
      if (this.lifecycle.retired || this.load >= this.capacity) return resolve(NOT_DELIVERED);
      this.moveTo('busy');
      this.queued.push({ request, resolve, delivered: false, deliveredAt: 0, timer: undefined });
      this.peakInFlight = Math.max(this.peakInFlight, this.load);
      this.deliverQueued();
    });
  }

  /**
   * Retires it (a configuration update, its maximum lifetime): no new invocation, and SHUTDOWN
   * with the spec's grace, at once or once the running invocation ends.
   *
   * @returns when the process is gone, or undefined while an invocation still runs
   */
  retire(reason: EndReason): Promise<void> | undefined {
    const state = this.lifecycle.state;
    if (state === 'retiring') return undefined;
    if (state !== 'busy') return this.shutdown(reason, this.spec.shutdownGraceMs);
    this.reason ??= reason;
    this.moveTo('retiring');
    return undefined;
  }

  /** SHUTDOWN: SIGTERM, `graceMs`, then SIGKILL. Resolves once the process is gone. */
  shutdown(reason: EndReason, graceMs: number): Promise<void> {
    if (this.lifecycle.state === 'shutdown') return Promise.resolve();
    this.reason ??= reason;
    this.moveTo('stopping');
    const done = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    this.proc?.terminate();
    // A stopped process holds its SIGTERM until continued.
    this.proc?.thaw();
    const timer = setTimeout(() => this.proc?.kill(), graceMs);
    timer.unref();
    return done;
  }

  /** Ends the process at once (parent exit path); never throws. */
  killNow(): void {
    this.proc?.kill();
  }

  /**
   * Which invocation a line of the process belongs to: the one it runs now, in classic. Under Managed
   * Instances many run at once, so a function's line is matched by the request id in its JSON record (the
   * only log format there); a platform line is written as its invocation is current.
   */
  lineOwner(stream: 'stdout' | 'stderr' | 'platform', line: string): LineOwner {
    if (!this.spec.managed || stream === 'platform')
      return { requestId: this.currentRequestId, tail: this.currentTail };
    const requestId = REQUEST_ID_FIELD.exec(line.length > 400 ? line.slice(0, 400) : line)?.[1];
    if (requestId === undefined) return { requestId, tail: undefined };
    return { requestId, tail: this.inFlight.get(requestId)?.request.tail ?? this.endingTails.get(requestId) };
  }

  /** The invocation's END and REPORT are written: later lines of the process belong to no request. */
  endInvocationLogs(requestId: string): void {
    this.endingTails.delete(requestId);
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

  /** CPU time its process has used, in ms (Managed Instances scale on it). */
  cpuTimeMs(): number | undefined {
    return this.proc?.cpuTimeMs();
  }

  sampleMemory(): MemorySample | undefined {
    return this.proc?.memory();
  }

  onSample(sample: MemorySample): void {
    if (sample.peakKb > this.peakKb) this.peakKb = sample.peakKb;
    if (sample.rssKb <= this.memoryLimitKb || !this.proc || this.proc.exited) return;
    const message = 'Runtime exited with error: signal: killed';
    this.abort('out-of-memory');
    if (this.initWaiter) {
      this.finishInit({
        ok: false,
        status: 'error',
        durationMs: performance.now() - this.spawnedAt,
        errorType: 'Runtime.OutOfMemory',
        payload: Buffer.from(JSON.stringify({ errorType: 'Runtime.OutOfMemory', errorMessage: message })),
      });
    } else {
      for (const p of [...this.inFlight.values()]) {
        const id = p.request.requestId;
        this.settle(p, 'out-of-memory', 'Runtime.OutOfMemory', `RequestId: ${id} Error: ${message}`);
      }
    }
  }

  // Runtime API ------------------------------------------------------------------------------

  next(res: HeldNext): void {
    const proc = this.proc;
    if (!proc || proc.exited) return void res.socket.destroy();
    // Classic: one client, one GET /next at a time (a second replaces the first). LMI: one per worker.
    if (!this.spec.managed) this.heldNexts.length = 0;
    this.heldNexts.push(res);
    proc.awaitingEvent(res.selfFreeze);
    // LMI's INIT ends once at least one worker asks for an event ("Lambda Managed Instances execution
    // environment", Init phase), as the classic one ends at the runtime's first GET /next.
    if (this.initWaiter) {
      this.initDurationMs = performance.now() - this.spawnedAt;
      this.finishInit({ ok: true, durationMs: this.initDurationMs });
    }
    if (this.queued.length > 0) {
      this.deliverQueued();
      return;
    }
    if (this.lifecycle.state === 'initializing') this.moveTo('idle');
    if (this.spec.managed) return;
    this.spec.memoryMonitor.unwatch(this);
    // Lambda freezes the environment when its runtime asks for the next event and none is there.
    // Our bootstrap stops itself; another runtime client gets a SIGSTOP at the end of this loop
    // turn, so the caller's response goes out first.
    // A retired environment (shutting down, or to be) must not stay stopped: its SIGTERM handler has to run.
    if (this.lifecycle.retired) proc.thaw();
    // Anything but idle: a client asking again without answering its invocation, which times out.
    else if (this.lifecycle.state !== 'idle') return;
    else if (res.selfFreeze) this.moveTo('frozen');
    else if (this.spec.freeze) setImmediate(this.freezeIfIdle);
  }

  private readonly freezeIfIdle = (): void => {
    if (this.lifecycle.state !== 'idle' || this.heldNexts.length === 0) return;
    if (this.proc?.freeze()) this.moveTo('frozen');
  };

  response(requestId: string, body: Buffer): boolean {
    const p = this.inFlight.get(requestId);
    if (!p) return false;
    this.settleWith(p, { kind: 'response', payload: body, durationMs: performance.now() - p.deliveredAt });
    return true;
  }

  streamResponse(requestId: string, contentType: string): ResponseSink | undefined {
    const p = this.inFlight.get(requestId);
    if (!p) return undefined;
    return new StreamedResponse({
      contentType,
      receiver: p.request.stream,
      limitBytes: this.spec.streamLimitBytes,
      bandwidthCap: this.spec.streamBandwidthCap,
      done: (failure) => {
        // Cut at the limit, then ended by the function: the invocation was settled already.
        if (this.inFlight.get(requestId) !== p) return;
        const durationMs = performance.now() - p.deliveredAt;
        if (!failure) this.settleWith(p, { kind: 'response', payload: EMPTY_PAYLOAD, durationMs });
        else this.settleWith(p, { kind: 'error', payload: failure.payload, errorType: failure.errorType, durationMs });
      },
    });
  }

  error(requestId: string, body: Buffer, errorType: string | undefined): boolean {
    const p = this.inFlight.get(requestId);
    if (!p) return false;
    this.settleWith(p, {
      kind: 'error',
      payload: body,
      errorType: errorType ?? errorTypeOf(body) ?? 'Unhandled',
      durationMs: performance.now() - p.deliveredAt,
    });
    return true;
  }

  initError(body: Buffer, errorType: string | undefined): void {
    if (!this.initWaiter) return;
    this.abort('init-failure');
    this.finishInit({
      ok: false,
      status: 'error',
      durationMs: performance.now() - this.spawnedAt,
      errorType: errorType ?? errorTypeOf(body) ?? 'Runtime.Unknown',
      payload: body,
    });
  }

  // internals --------------------------------------------------------------------------------

  /** Hands queued invocations to waiting GET /next requests, oldest invocation first. */
  private deliverQueued(): void {
    while (this.queued.length > 0 && this.heldNexts.length > 0) {
      // The longest-waiting GET /next first: invocations go round the workers. One whose connection closed
      // (its worker died) gets nothing.
      const res = this.heldNexts.shift() as HeldNext;
      if (res.socket.destroyed) continue;
      this.deliver(this.queued.shift() as Pending, res);
    }
  }

  private deliver(p: Pending, res: HeldNext): void {
    const r = p.request;
    this.currentRequestId = r.requestId;
    this.currentTail = r.tail;
    if (this.hooks.wantsLogs(r.tail)) {
      const start = this.platformLog.start(r.requestId);
      if (start !== undefined) this.hooks.log(this, 'platform', start);
    }
    sendEvent(res, r);
    // Write, then thaw: a write does not wake a stopped process, so the SIGCONT is its only
    // wake-up and it finds the event waiting. Thawing first costs a second wake-up when the
    // process is back asleep in epoll before the write lands (each is tens of µs on a VM).
    if (!this.spec.managed) this.proc?.thaw();
    p.delivered = true;
    p.deliveredAt = performance.now();
    this.inFlight.set(r.requestId, p);
    this.spec.memoryMonitor.watch(this);
    // Debugging: a paused breakpoint would otherwise hit the timeout and SIGKILL the process under the debugger.
    if (!this.debugging) p.timer = setTimeout(() => this.onTimeout(p), Math.max(r.deadlineMs - Date.now(), 0));
  }

  private onTimeout(p: Pending): void {
    if (this.inFlight.get(p.request.requestId) !== p) return;
    const seconds = this.spec.fn.timeout;
    // Classic: the sandbox is killed. LMI: "only that invocation" fails; the environment and its other
    // invocations carry on, and the function's code keeps running ("Lambda Managed Instances execution
    // environment", Independent timeouts and Error handling).
    if (!this.spec.managed) this.abort('timeout');
    const line = this.platformLog.timeout(p.request.requestId, seconds);
    if (line !== undefined) this.hooks.log(this, 'platform', line);
    this.settleWith(p, {
      kind: 'timeout',
      errorType: 'Sandbox.Timedout',
      payload: timeoutPayload(p.request.requestId, seconds),
      durationMs: performance.now() - p.deliveredAt,
    });
  }

  private settle(
    p: Pending,
    kind: 'timeout' | 'crash' | 'out-of-memory',
    errorType: string,
    errorMessage: string,
  ): void {
    this.settleWith(p, {
      kind,
      errorType,
      payload: Buffer.from(JSON.stringify({ errorType, errorMessage })),
      durationMs: performance.now() - p.deliveredAt,
    });
  }

  private settleWith(p: Pending, outcome: InvokeOutcome): void {
    if (p.timer) clearTimeout(p.timer);
    p.request.concurrentAtEnd = this.load;
    if (this.spec.managed && p.request.tail && p.delivered) this.endingTails.set(p.request.requestId, p.request.tail);
    if (!this.inFlight.delete(p.request.requestId)) {
      const at = this.queued.indexOf(p);
      if (at < 0) return;
      this.queued.splice(at, 1);
    }
    const idle = this.load === 0;
    if (idle) this.spec.memoryMonitor.unwatch(this);
    if (outcome.kind !== 'not-delivered') {
      this.invocations += 1;
      this.lastUsedAt = Date.now();
    }
    // A process that is gone moves to shutdown in its exit; a retired one shuts down once its invocations are over.
    if (idle && this.proc?.exited === false) {
      const state = this.lifecycle.state;
      if (state === 'busy') this.moveTo('idle');
      else if (state === 'retiring')
        void this.shutdown(this.reason ?? 'configuration-update', this.spec.shutdownGraceMs);
    }
    p.resolve(outcome);
  }

  private finishInit(outcome: InitOutcome): void {
    const waiter = this.initWaiter;
    if (!waiter) return;
    this.initWaiter = undefined;
    if (this.initTimer) clearTimeout(this.initTimer);
    waiter(outcome);
  }

  /** Ends it now, SIGKILL to the sandbox: an invocation's timeout, running out of memory, a failed INIT. */
  private abort(reason: EndReason): void {
    if (this.lifecycle.state === 'shutdown') return;
    this.reason = reason;
    this.moveTo('stopping');
    this.proc?.kill();
  }

  private onExit({ code, signal }: ProcessExit): void {
    if (this.lifecycle.state === 'shutdown') return;
    this.spec.memoryMonitor.unwatch(this);
    const how = signal ? `signal: ${signalName(signal)}` : `exit status ${code ?? 'unknown'}`;
    if (this.initWaiter) {
      this.reason ??= 'init-failure';
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
    for (const p of [...this.queued]) this.settleWith(p, NOT_DELIVERED);
    for (const p of [...this.inFlight.values()]) {
      this.reason ??= 'crash';
      this.settle(
        p,
        'crash',
        'Runtime.ExitError',
        `RequestId: ${p.request.requestId} Error: Runtime exited with error: ${how}`,
      );
    }
    this.reason ??= 'crash';
    this.api?.close();
    if (this.inspectPort !== undefined) this.spec.inspectorPorts?.release(this.inspectPort);
    this.heldNexts.length = 0;
    const shown = this.lifecycle.shown;
    this.lifecycle.to('shutdown');
    this.endedAt = Date.now();
    this.hooks.stateChanged(this, shown);
    this.hooks.ended(this, this.reason);
    for (const w of this.exitWaiters.splice(0)) w();
  }

  /** Node prints `Debugger listening on ws://127.0.0.1:9229/<id>` to stderr once its inspector is open. */
  private noteInspector(line: string): void {
    const url = /^Debugger listening on (ws:\/\/\S+)/.exec(line)?.[1];
    if (url === undefined) return;
    this.inspectorUrl = url;
    this.hooks.inspector?.(this);
  }

  /** The one way the state changes; subscribers hear of it when what the environment list shows changes. */
  private moveTo(next: LifecycleState): void {
    const shown = this.lifecycle.shown;
    if (this.lifecycle.to(next) && this.lifecycle.shown !== shown) this.hooks.stateChanged(this, shown);
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
