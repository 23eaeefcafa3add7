import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { type InvokeApiServer, type LocalRoute, startInvokeApiServer } from '../invoke-api/server';
import { loadStack } from '../stack/load';
import { FunctionPool } from './assignment';
import { bundleBootstrap } from './bootstrap-bundle';
import { type ConfigurationPatch, ControlPlane } from './control-plane';
import { CountingService } from './counting-service';
import { RuntimeStoppedError, TooManyRequestsError } from './errors';
import { type EnvironmentHooks, ExecutionEnvironment, type InvokeOutcome } from './execution-environment';
import { traceHeader } from './ids';
import { endLine, initReportLine, LogTail, reportLine, startLine, timeoutPayload } from './logs';
import { MemoryMonitor } from './memory-monitor';
import { type LocalLambdaOptions, type ResolvedOptions, resolveOptions } from './options';
import { OrphanGuard } from './orphan-guard';
import { chooseNode, discoverNodeBinaries, type NodeBinary } from './runtime-executor';
import type {
  EndReason,
  EnvironmentInfo,
  EnvironmentState,
  FunctionDefinition,
  InvokeOptions,
  InvokeResult,
  LocalLambdaEvents,
  LogEvent,
} from './types';

const EMPTY = Buffer.alloc(0);

/**
 * A running local Lambda: function pools of real execution environments, the Invoke API and
 * control plane on one HTTP listener, and the life-cycle events. Made by {@link startLocalLambda}.
 */
export class LocalLambda extends EventEmitter<LocalLambdaEvents> {
  readonly control: ControlPlane;
  private readonly counting: CountingService;
  private readonly pools = new Map<string, FunctionPool>();
  private readonly memoryMonitor: MemoryMonitor;
  private readonly orphanGuard: OrphanGuard;
  private readonly endedHistory: EnvironmentInfo[] = [];
  private readonly hooks: EnvironmentHooks = {
    log: (env, stream, line) => this.onEnvironmentLog(env, stream, line),
    wantsLogs: (tail) => tail !== undefined || this.listenerCount('log') > 0,
    stateChanged: (env, from) => this.onEnvironmentState(env, from),
    ended: (env, reason) => this.onEnvironmentEnded(env, reason),
  };
  private readonly nodeChoices = new Map<string, NodeBinary>();
  /** Notes from start, e.g. a runtime falling back to another Node major (said once). */
  readonly startupWarnings: string[] = [];
  private reaper: NodeJS.Timeout | undefined;
  private server: InvokeApiServer | undefined;
  private stopping = false;
  private readonly exitHandler = (): void => this.killAll();

  /** @internal use {@link startLocalLambda} */
  constructor(
    readonly options: ResolvedOptions,
    private readonly bootstrapFile: string,
    private readonly nodes: readonly NodeBinary[],
  ) {
    super();
    this.control = new ControlPlane(options.region, options.accountId);
    this.counting = new CountingService(options.accountConcurrency);
    this.memoryMonitor = new MemoryMonitor(options.memoryPollMs);
    this.orphanGuard = new OrphanGuard(process.execPath);
    if (options.log === true) this.on('log', printLog);
    else if (typeof options.log === 'function') this.on('log', options.log);
  }

  /** Base URL of the Invoke API, e.g. http://127.0.0.1:3002 (empty when not listening). */
  get url(): string {
    return this.server?.url ?? '';
  }

  /** @internal */
  async init(functions: readonly FunctionDefinition[], extraRoutes: readonly LocalRoute[]): Promise<void> {
    const notes = new Set<string>();
    for (const fn of functions) {
      this.control.add(fn);
      this.pools.set(fn.name, new FunctionPool(fn.name));
      if (fn.reservedConcurrency !== undefined) this.counting.setReserved(fn.name, fn.reservedConcurrency);
      const choice = chooseNode(fn.runtime, this.nodes);
      this.nodeChoices.set(fn.runtime, choice.binary);
      if (choice.fallbackNote) notes.add(choice.fallbackNote);
    }
    for (const note of notes) {
      this.startupWarnings.push(note);
      if (this.options.log === true) process.stderr.write(`warning: ${note}\n`);
      this.emit('warning', note);
    }
    process.on('exit', this.exitHandler);
    const tick = Math.max(Math.min(1000, Math.floor(this.options.idleTimeoutMs / 4)), 10);
    this.reaper = setInterval(() => this.reap(), tick);
    this.reaper.unref();
    if (this.options.listen) {
      this.server = await startInvokeApiServer(this, {
        host: this.options.host,
        port: this.options.port,
        routes: extraRoutes,
      });
    }
    await Promise.all(functions.map((fn) => this.ensureProvisioned(fn.name)));
  }

  /** Adds routes under /_local/ (e.g. a live view) to the running Invoke API server. */
  addLocalRoute(route: LocalRoute): void {
    this.server?.addRoute(route);
  }

  /**
   * Invokes a function synchronously (RequestResponse), as the Invoke API does.
   *
   * @example
   * const result = await rt.invoke('hello', { rawPath: '/hello' }, { tail: true });
   * JSON.parse(result.payload.toString());
   */
  async invoke(
    nameOrArn: string,
    payload: Buffer | string | object = EMPTY,
    opts: InvokeOptions = {},
  ): Promise<InvokeResult> {
    if (this.stopping) throw new RuntimeStoppedError();
    const record = this.control.resolve(nameOrArn);
    const fn = record.def;
    const body = Buffer.isBuffer(payload)
      ? payload
      : Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
    try {
      this.counting.acquire(fn.name);
    } catch (err) {
      if (err instanceof TooManyRequestsError) this.emit('throttle', { functionName: fn.name, reason: err.reason });
      throw err;
    }
    try {
      return await this.run(fn, body, opts);
    } finally {
      this.counting.release(fn.name);
    }
  }

  private async run(fn: FunctionDefinition, payload: Buffer, opts: InvokeOptions): Promise<InvokeResult> {
    const pool = this.poolOf(fn.name);
    const requestId = randomUUID();
    // A suppressed init (retried inside the invoke) counts against the timeout, so the clock starts now...
    let deadlineMs = Date.now() + fn.timeout * 1000;
    const tail = opts.tail ? new LogTail() : undefined;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      let env = pool.take();
      let initDurationMs: number | undefined;
      let coldStart = false;
      if (!env) {
        coldStart = true;
        env = this.createEnvironment(fn, false);
        const init = await env.start(this.options.initTimeoutMs);
        if (init.ok) {
          initDurationMs = init.durationMs;
          // ...but a successful INIT has its own 10 s cap: the function's timeout covers INVOKE only.
          deadlineMs = Date.now() + fn.timeout * 1000;
        } else {
          this.platformLog(
            env,
            initReportLine({
              durationMs: init.durationMs,
              phase: 'init',
              status: init.status,
              errorType: init.errorType,
            }),
          );
          // Suppressed init: Lambda retries INIT inside the invoke, under the function's timeout.
          env = this.createEnvironment(fn, false);
          const retry = await env.start(Math.max(deadlineMs - Date.now(), 1));
          if (!retry.ok) {
            this.platformLog(
              env,
              initReportLine({
                durationMs: retry.durationMs,
                phase: 'invoke',
                status: retry.status,
                errorType: retry.errorType,
              }),
            );
            // An INIT retried inside the invoke that runs out of time is the invoke's timeout.
            const payload = retry.status === 'timeout' ? timeoutPayload(requestId, fn.timeout) : retry.payload;
            return this.failedInit(env, fn, requestId, payload, retry.errorType, retry.status, retry.durationMs, tail);
          }
        }
      }
      const outcome = await env.invoke({
        requestId,
        payload,
        deadlineMs,
        invokedFunctionArn: opts.invokedFunctionArn ?? this.control.arn(fn.name),
        traceId: opts.traceId ?? traceHeader(),
        ...(opts.clientContext !== undefined ? { clientContext: opts.clientContext } : {}),
        ...(opts.cognitoIdentity !== undefined ? { cognitoIdentity: opts.cognitoIdentity } : {}),
        tail,
      });
      if (outcome.kind === 'not-delivered') continue;
      return this.finish(env, fn, requestId, outcome, coldStart, initDurationMs, tail);
    }
    throw new RuntimeStoppedError();
  }

  private async finish(
    env: ExecutionEnvironment,
    fn: FunctionDefinition,
    requestId: string,
    outcome: Exclude<InvokeOutcome, { kind: 'not-delivered' }>,
    coldStart: boolean,
    initDurationMs: number | undefined,
    tail: LogTail | undefined,
  ): Promise<InvokeResult> {
    const pool = this.poolOf(fn.name);
    if (!pool.release(env) && env.retired && env.state !== 'shutdown') {
      void env.shutdown(env.endReason ?? 'configuration-update', this.options.shutdownGraceMs);
    }
    const failed = outcome.kind !== 'response';
    const errorType = failed ? outcome.errorType : undefined;
    const status = outcome.kind === 'timeout' ? 'timeout' : failed ? 'error' : undefined;
    const report = async (): Promise<void> => {
      // Let log lines written just before the response reach us first, as they precede END.
      await new Promise((r) => setImmediate(r));
      if (tail || performance.now() - env.lastMemoryReadAt > 250) env.refreshMemory();
      this.platformLog(env, endLine(requestId), requestId, tail);
      this.platformLog(
        env,
        reportLine({
          requestId,
          durationMs: outcome.durationMs,
          billedMs: Math.ceil(outcome.durationMs + (initDurationMs ?? 0)),
          memorySize: fn.memorySize,
          maxMemoryUsedMb: Math.max(Math.ceil(env.peakKb / 1024), 1),
          ...(initDurationMs !== undefined ? { initDurationMs } : {}),
          ...(status ? { status } : {}),
          ...(errorType ? { errorType } : {}),
        }),
        requestId,
        tail,
      );
      env.endInvocationLogs(requestId);
      if (this.listenerCount('invocation') > 0) {
        this.emit('invocation', {
          functionName: fn.name,
          requestId,
          environmentId: env.id,
          coldStart,
          durationMs: outcome.durationMs,
          ...(initDurationMs !== undefined ? { initDurationMs } : {}),
          status: status ?? 'success',
          ...(errorType ? { errorType } : {}),
        });
      }
    };
    // REPORT costs a /proc read and some formatting: skip it when no one can observe it.
    if (tail) await report();
    else if (this.listenerCount('log') > 0 || this.listenerCount('invocation') > 0) void report();
    else env.endInvocationLogs(requestId);
    return {
      requestId,
      payload: outcome.payload,
      ...(failed ? { functionError: 'Unhandled' as const } : {}),
      ...(tail ? { logResult: tail.toBase64() } : {}),
      environmentId: env.id,
      executedVersion: '$LATEST',
    };
  }

  private async failedInit(
    env: ExecutionEnvironment,
    fn: FunctionDefinition,
    requestId: string,
    payload: Buffer,
    errorType: string,
    status: 'error' | 'timeout',
    durationMs: number,
    tail: LogTail | undefined,
  ): Promise<InvokeResult> {
    this.platformLog(env, startLine(requestId, '$LATEST'), requestId, tail);
    this.platformLog(env, endLine(requestId), requestId, tail);
    this.platformLog(
      env,
      reportLine({
        requestId,
        durationMs,
        billedMs: Math.ceil(durationMs),
        memorySize: fn.memorySize,
        maxMemoryUsedMb: Math.max(Math.ceil(env.peakKb / 1024), 1),
        status,
        errorType,
      }),
      requestId,
      tail,
    );
    void env.shutdown('init-failure', 0);
    return {
      requestId,
      payload,
      functionError: 'Unhandled',
      ...(tail ? { logResult: tail.toBase64() } : {}),
      environmentId: env.id,
      executedVersion: '$LATEST',
    };
  }

  /** Every environment alive now, as `GET /_local/environments` lists them. */
  environments(): EnvironmentInfo[] {
    const out: EnvironmentInfo[] = [];
    for (const pool of this.pools.values()) for (const env of pool.environments) out.push(env.info());
    return out;
  }

  /** Environments that ended, most recent last, bounded by `endedHistory` (for a timeline). */
  endedEnvironments(): readonly EnvironmentInfo[] {
    return this.endedHistory;
  }

  /** UpdateFunctionConfiguration: new settings, and every running environment retired so the next invoke is cold. */
  updateFunctionConfiguration(nameOrArn: string, patch: ConfigurationPatch): Record<string, unknown> {
    const record = this.control.update(this.control.resolve(nameOrArn).def.name, patch);
    const snapshot = this.control.configuration(record);
    const pool = this.poolOf(record.def.name);
    const retiring: Array<Promise<void>> = [];
    for (const env of pool.environments) {
      env.retired = true;
      env.endReason ??= 'configuration-update';
      if (env.state !== 'busy') retiring.push(env.shutdown('configuration-update', this.options.shutdownGraceMs));
    }
    void Promise.all(retiring).then(async () => {
      record.lastUpdateStatus = 'Successful';
      await this.ensureProvisioned(record.def.name);
    });
    return snapshot;
  }

  /** PutFunctionConcurrency / DeleteFunctionConcurrency (undefined). */
  setReservedConcurrency(nameOrArn: string, value: number | undefined): number | undefined {
    const name = this.control.resolve(nameOrArn).def.name;
    this.counting.setReserved(name, value);
    return value;
  }

  reservedConcurrency(nameOrArn: string): number | undefined {
    return this.counting.reservedFor(this.control.resolve(nameOrArn).def.name);
  }

  /** Stops every environment (SIGTERM, grace, SIGKILL) and the listener. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.reaper) clearInterval(this.reaper);
    const all: Array<Promise<void>> = [];
    for (const pool of this.pools.values()) {
      for (const env of pool.environments) all.push(env.shutdown('runtime-stop', this.options.shutdownGraceMs));
    }
    await this.server?.close();
    await Promise.all(all);
    this.memoryMonitor.stop();
    this.orphanGuard.stop();
    process.off('exit', this.exitHandler);
  }

  // environment hooks ---------------------------------------------------------------------------

  /** A log line of `env`, for the invocation it is running unless `requestId` and `tail` say which. */
  private onEnvironmentLog(
    env: ExecutionEnvironment,
    stream: 'stdout' | 'stderr' | 'platform',
    line: string,
    requestId = env.currentRequestId,
    tail = env.currentTail,
  ): void {
    tail?.push(line);
    if (this.listenerCount('log') === 0) return;
    const event: LogEvent = {
      time: Date.now(),
      functionName: env.functionName,
      environmentId: env.id,
      logStream: env.logStream,
      stream,
      ...(requestId ? { requestId } : {}),
      line,
    };
    this.emit('log', event);
  }

  private onEnvironmentState(env: ExecutionEnvironment, from: EnvironmentState): void {
    if (this.listenerCount('environment') > 0)
      this.emit('environment', { type: 'state', from, environment: env.info() });
  }

  private onEnvironmentEnded(env: ExecutionEnvironment, reason: EndReason): void {
    const pool = this.pools.get(env.functionName);
    pool?.remove(env);
    const info = env.info();
    if (this.options.endedHistory > 0) {
      this.endedHistory.push(info);
      if (this.endedHistory.length > this.options.endedHistory) this.endedHistory.shift();
    }
    this.emit('environment', { type: 'ended', reason, environment: info });
    if (!this.stopping && env.provisioned) void this.ensureProvisioned(env.functionName);
  }

  // internals ---------------------------------------------------------------------------------

  private platformLog(env: ExecutionEnvironment, line: string, requestId?: string, tail?: LogTail): void {
    this.onEnvironmentLog(env, 'platform', line, requestId ?? env.currentRequestId, tail ?? env.currentTail);
  }

  private poolOf(name: string): FunctionPool {
    const pool = this.pools.get(name);
    if (!pool) throw new Error(`no pool for ${name}`);
    return pool;
  }

  private createEnvironment(fn: FunctionDefinition, provisioned: boolean): ExecutionEnvironment {
    const node = this.nodeChoices.get(fn.runtime) ?? chooseNode(fn.runtime, this.nodes).binary;
    this.nodeChoices.set(fn.runtime, node);
    const env = new ExecutionEnvironment(
      {
        fn,
        node,
        bootstrapFile: this.bootstrapFile,
        region: this.options.region,
        extraEnv: this.options.extraEnv ?? {},
        freeze: this.options.freeze,
        provisioned,
        memoryMonitor: this.memoryMonitor,
        orphanGuard: this.orphanGuard,
      },
      this.hooks,
    );
    this.poolOf(fn.name).add(env);
    this.emit('environment', { type: 'created', environment: env.info() });
    return env;
  }

  private async ensureProvisioned(name: string): Promise<void> {
    const record = this.control.resolve(name);
    const wanted = record.def.provisionedConcurrency ?? 0;
    const pool = this.poolOf(name);
    const starts: Array<Promise<void>> = [];
    for (let have = pool.countProvisioned(); have < wanted && !this.stopping; have += 1) {
      const env = this.createEnvironment(record.def, true);
      starts.push(
        env.start(this.options.initTimeoutMs).then((init) => {
          if (init.ok) pool.release(env);
          else {
            this.platformLog(
              env,
              initReportLine({
                durationMs: init.durationMs,
                phase: 'init',
                status: init.status,
                errorType: init.errorType,
              }),
            );
            void env.shutdown('init-failure', 0);
          }
        }),
      );
    }
    await Promise.all(starts);
  }

  private reap(): void {
    const now = Date.now();
    const { idleTimeoutMs, maxLifetimeMs, shutdownGraceMs } = this.options;
    for (const pool of this.pools.values()) {
      for (const env of pool.environments) {
        if (env.state === 'shutdown' || env.state === 'initializing') continue;
        const idle = env.available;
        if (now - env.createdAt >= maxLifetimeMs) {
          env.retired = true;
          env.endReason ??= 'max-lifetime';
          if (idle) void env.shutdown('max-lifetime', shutdownGraceMs);
        } else if (idle && !env.provisioned && now - env.lastUsedAt >= idleTimeoutMs) {
          void env.shutdown('idle-timeout', shutdownGraceMs);
        }
      }
    }
  }

  private killAll(): void {
    for (const pool of this.pools.values()) for (const env of pool.environments) env.killNow();
  }
}

function printLog(event: LogEvent): void {
  process.stdout.write(`[${event.functionName} ${event.environmentId.slice(0, 8)}] ${event.line}\n`);
}

/**
 * Starts the local Lambda runtime: loads the functions (from a Terraform JSON stack and/or a list),
 * bundles the bootstrap, opens the Invoke API, and initialises provisioned environments.
 *
 * @example
 * const rt = await startLocalLambda({ stackFile: 'cdktf.out/stacks/lambda-reuse-lab-dev/cdk.tf.json', port: 0 });
 * const out = await rt.invoke('lambda-reuse-lab-dev-hello', {});
 * await rt.stop();
 */
export async function startLocalLambda(
  options: LocalLambdaOptions,
  extraRoutes: readonly LocalRoute[] = [],
): Promise<LocalLambda> {
  const resolved = resolveOptions(options);
  const functions: FunctionDefinition[] = [...(resolved.functions ?? [])];
  if (resolved.stackFile) {
    const stack = await loadStack(resolved.stackFile, {
      cacheDir: resolved.cacheDir,
      ...(resolved.references ? { references: resolved.references } : {}),
    });
    functions.push(...stack.functions);
  }
  const bootstrapFile = await bundleBootstrap(resolved.cacheDir);
  const rt = new LocalLambda(resolved, bootstrapFile, discoverNodeBinaries());
  await rt.init(functions, extraRoutes);
  return rt;
}
