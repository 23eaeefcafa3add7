import { EventEmitter } from 'node:events';
import { FunctionPool } from './assignment';
import { bundleBootstrap } from './bootstrap-bundle';
import { CapacityScaler } from './capacity-scaler';
import { type CodeUpdate, type ConfigurationPatch, ControlPlane, type FunctionRecord } from './control-plane';
import { CountingService } from './counting-service';
import { RuntimeStoppedError, TooManyRequestsError } from './errors';
import { type EnvironmentHooks, ExecutionEnvironment } from './execution-environment';
import { InspectorPorts } from './inspector-ports';
import { type InvocationContext, invokeFunction } from './invocation';
import { InvocationReporter } from './invocation-report';
import type { LogTail } from './logs';
import { type ManagedInstancesPlan, managedInstancesDefaults, planManagedInstances } from './managed-instances';
import { MemoryMonitor } from './memory-monitor';
import { chooseNode, discoverNodeBinaries, type NodeBinary } from './node-binaries';
import { type LocalLambdaOptions, type ResolvedOptions, resolveOptions } from './options';
import { Reaper } from './reaper';
import { ProcessExecutor, type RuntimeExecutor } from './runtime-executor';
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
/** A Managed Instances function whose INIT fails this many times in a row is not started again on its own. */
const MANAGED_INIT_ATTEMPTS = 3;

/**
 * A running local Lambda: function pools of real execution environments, the control plane, and
 * the life-cycle events. It serves no HTTP itself: `local/invoke-api` puts the Invoke API in front
 * of it. Made by {@link startLocalLambda}.
 */
export class LocalLambda extends EventEmitter<LocalLambdaEvents> {
  readonly control: ControlPlane;
  private readonly counting: CountingService;
  private readonly pools = new Map<string, FunctionPool>();
  private readonly memoryMonitor: MemoryMonitor;
  private readonly executor: RuntimeExecutor;
  private readonly reaper: Reaper;
  /** Managed Instances functions: how their environments are sized, by function name. */
  private readonly plans = new Map<string, ManagedInstancesPlan>();
  private scaler: CapacityScaler | undefined;
  /** INIT failures in a row of each Managed Instances function. */
  private readonly managedInitFailures = new Map<string, number>();
  private readonly endedHistory: EnvironmentInfo[] = [];
  private readonly hooks: EnvironmentHooks = {
    log: (env, stream, line) => {
      const owner = env.lineOwner(stream, line);
      owner.tail?.push(line);
      if (this.listenerCount('log') > 0) this.emitLog(env, stream, line, owner.requestId);
    },
    wantsLogs: (tail) => tail !== undefined || this.listenerCount('log') > 0,
    stateChanged: (env, from) => this.onEnvironmentState(env, from),
    ended: (env, reason) => this.onEnvironmentEnded(env, reason),
    inspector: (env) => {
      if (env.inspectPort === undefined || env.inspectorUrl === undefined) return;
      this.emit('inspector', {
        functionName: env.functionName,
        environmentId: env.id,
        port: env.inspectPort,
        url: env.inspectorUrl,
      });
    },
  };
  private readonly inspectorPorts: InspectorPorts;
  private readonly invocations: InvocationContext;
  private readonly nodeChoices = new Map<string, NodeBinary>();
  /** Notes from start, e.g. a runtime falling back to another Node major (said once). */
  readonly startupWarnings: string[] = [];
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
    this.executor = new ProcessExecutor();
    this.reaper = new Reaper(this.pools, options);
    this.inspectorPorts = new InspectorPorts(options.inspectPort);
    this.invocations = {
      initTimeoutMs: options.initTimeoutMs,
      reporter: new InvocationReporter(this, (env, line, requestId, tail) =>
        this.platformLog(env, line, requestId, tail),
      ),
      pool: (name) => this.poolOf(name),
      createEnvironment: (fn) => this.createEnvironment(fn, false),
      arn: (name) => this.control.arn(name),
    };
    if (options.log === true) this.on('log', printLog);
    else if (typeof options.log === 'function') this.on('log', options.log);
  }

  /** @internal */
  async init(functions: readonly FunctionDefinition[]): Promise<void> {
    const notes = new Set<string>();
    for (const fn of functions) {
      this.control.add(fn);
      const plan = planManagedInstances(fn, this.options.managedInstances);
      if (plan) this.plans.set(fn.name, plan);
      this.pools.set(fn.name, new FunctionPool(fn.name, plan !== undefined));
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
    await Promise.all(functions.map((fn) => this.ensureProvisioned(fn.name)));
    this.scaler = new CapacityScaler(
      this.pools,
      this.plans,
      {
        scaleOut: (name) => void this.startManaged(this.control.resolve(name).def),
        scaleIn: (env) => void env.retire('scale-in'),
      },
      this.options.managedInstances,
    );
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
    // Managed Instances functions are bounded by their environments' concurrency, not the account's.
    const counted = !this.plans.has(fn.name);
    try {
      if (counted) this.counting.acquire(fn.name);
      try {
        return await invokeFunction(this.invocations, fn, body, opts);
      } finally {
        if (counted) this.counting.release(fn.name);
      }
    } catch (err) {
      if (err instanceof TooManyRequestsError) this.emit('throttle', { functionName: fn.name, reason: err.reason });
      throw err;
    }
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
    this.retireEnvironments(record);
    return snapshot;
  }

  /**
   * UpdateFunctionCode with the code already unpacked: the function runs `code.codeDir` from now on,
   * and its environments are retired as a configuration update retires them, so the next invoke is
   * a cold start on the new code. LastUpdateStatus is InProgress until the old environments are gone
   * ("Function states during updates", https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html).
   * A busy environment finishes its invocation on the old code first.
   *
   * @example
   * rt.updateFunctionCode('hello', { codeDir: '/cache/code/ab12…', codeSha256: 'q1w2…=', codeSize: 2048 });
   */
  updateFunctionCode(nameOrArn: string, code: CodeUpdate): Record<string, unknown> {
    const record = this.control.updateCode(this.control.resolve(nameOrArn).def.name, code);
    const snapshot = this.control.configuration(record);
    this.retireEnvironments(record);
    return snapshot;
  }

  private retireEnvironments(record: FunctionRecord): void {
    const pool = this.poolOf(record.def.name);
    this.managedInitFailures.delete(record.def.name);
    const plan = planManagedInstances(record.def, this.options.managedInstances);
    if (plan && this.plans.has(record.def.name)) {
      this.replaceManaged(record, plan, [...pool.environments]);
      return;
    }
    const retiring: Array<Promise<void>> = [];
    for (const env of pool.environments) {
      // A busy environment finishes its invocation first; the update does not wait for it.
      const gone = env.retire('configuration-update');
      if (gone) retiring.push(gone);
    }
    void Promise.all(retiring).then(async () => {
      record.lastUpdateStatus = 'Successful';
      await this.ensureProvisioned(record.def.name);
    });
  }

  /**
   * An update of a Managed Instances function: its new environments start first and the old ones retire once
   * those are up, so invokes keep finding room (Lambda switches to a newly published version once its
   * environments are ready; until then the old one serves).
   */
  private replaceManaged(record: FunctionRecord, plan: ManagedInstancesPlan, old: ExecutionEnvironment[]): void {
    this.plans.set(record.def.name, plan);
    void (async () => {
      const starts: Array<Promise<void>> = [];
      for (let n = 0; n < plan.minEnvironments; n += 1) starts.push(this.startManaged(record.def));
      await Promise.all(starts);
      for (const env of old) void env.retire('configuration-update');
      record.lastUpdateStatus = 'Successful';
    })();
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

  /** Stops every environment (SIGTERM, grace, SIGKILL). */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.reaper.stop();
    this.scaler?.stop();
    const all: Array<Promise<void>> = [];
    for (const pool of this.pools.values()) {
      for (const env of pool.environments) all.push(env.shutdown('runtime-stop', this.options.shutdownGraceMs));
    }
    await Promise.all(all);
    this.memoryMonitor.stop();
    this.executor.close();
    process.off('exit', this.exitHandler);
  }

  // environment hooks ---------------------------------------------------------------------------

  private emitLog(
    env: ExecutionEnvironment,
    stream: LogEvent['stream'],
    line: string,
    requestId: string | undefined,
  ): void {
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
    if (!this.stopping && (env.provisioned || env.managed)) void this.ensureProvisioned(env.functionName);
  }

  // internals ---------------------------------------------------------------------------------

  /** A platform line of `env`, for the invocation it is running unless `requestId` and `tail` say which. */
  private platformLog(
    env: ExecutionEnvironment,
    line: string,
    requestId: string | undefined,
    tail: LogTail | undefined,
  ): void {
    // Under Managed Instances the current invocation is one of many: a line for a named request goes to its tail only.
    (tail ?? (env.managed && requestId !== undefined ? undefined : env.currentTail))?.push(line);
    if (this.listenerCount('log') > 0) this.emitLog(env, 'platform', line, requestId ?? env.currentRequestId);
  }

  private poolOf(name: string): FunctionPool {
    const pool = this.pools.get(name);
    if (!pool) throw new Error(`no pool for ${name}`);
    return pool;
  }

  private createEnvironment(fn: FunctionDefinition, provisioned: boolean): ExecutionEnvironment {
    // An invoke still running when the runtime stops must not start new processes.
    if (this.stopping) throw new RuntimeStoppedError();
    const node = this.nodeChoices.get(fn.runtime) ?? chooseNode(fn.runtime, this.nodes).binary;
    this.nodeChoices.set(fn.runtime, node);
    const inspect = this.inspects(fn.name);
    const env = new ExecutionEnvironment(
      {
        fn,
        node,
        bootstrapFile: this.bootstrapFile,
        region: this.options.region,
        extraEnv: this.options.extraEnv ?? {},
        freeze: this.options.freeze && !inspect,
        provisioned,
        shutdownGraceMs: this.options.shutdownGraceMs,
        executor: this.executor,
        memoryMonitor: this.memoryMonitor,
        streamLimitBytes: this.options.streamLimitBytes,
        streamBandwidthCap: this.options.streamBandwidthCap,
        ...(inspect ? { inspectorPorts: this.inspectorPorts } : {}),
        ...(this.plans.has(fn.name) ? { managed: this.plans.get(fn.name) as ManagedInstancesPlan } : {}),
      },
      this.hooks,
    );
    this.poolOf(fn.name).add(env);
    this.emit('environment', { type: 'created', environment: env.info() });
    return env;
  }

  /** Whether `name`'s environments start for a debugger (the `inspect` option). */
  inspects(name: string): boolean {
    const { inspect } = this.options;
    return inspect === true || (Array.isArray(inspect) && inspect.includes(name));
  }

  /**
   * Keeps a function's environments ready ahead of traffic: its provisioned concurrency, or under Managed
   * Instances its minimum number of environments (AWS starts them before the version turns ACTIVE).
   */
  private async ensureProvisioned(name: string): Promise<void> {
    const record = this.control.resolve(name);
    const plan = this.plans.get(name);
    if (plan) {
      const missing = plan.minEnvironments - this.poolOf(name).countActive();
      const starts: Array<Promise<void>> = [];
      for (let n = 0; n < missing && !this.stopping; n += 1) starts.push(this.startManaged(record.def));
      await Promise.all(starts);
      return;
    }
    const wanted = record.def.provisionedConcurrency ?? 0;
    const pool = this.poolOf(name);
    const starts: Array<Promise<void>> = [];
    for (let have = pool.countProvisioned(); have < wanted && !this.stopping; have += 1) {
      const env = this.createEnvironment(record.def, true);
      starts.push(
        env.start(this.options.initTimeoutMs).then((init) => {
          if (init.ok) pool.release(env);
          else {
            this.invocations.reporter.initFailed(env, init, 'init');
            void env.shutdown('init-failure', 0);
          }
        }),
      );
    }
    await Promise.all(starts);
  }

  /** One more Managed Instances environment of `fn`, started now; it takes invocations once INIT is done. */
  private async startManaged(fn: FunctionDefinition): Promise<void> {
    if (this.stopping || !this.mayStartManaged(fn.name)) return;
    const env = this.createEnvironment(fn, false);
    // INIT may take max(130 s, the function's timeout) under Managed Instances, not 10 s.
    const timeoutMs = Math.max(managedInstancesDefaults.initTimeoutFloorMs, fn.timeout * 1000);
    const init = await env.start(Math.max(this.options.initTimeoutMs, timeoutMs));
    if (init.ok) {
      this.managedInitFailures.delete(fn.name);
      this.poolOf(fn.name).release(env);
      return;
    }
    this.invocations.reporter.initFailed(env, init, 'init');
    void env.shutdown('init-failure', 0);
    const failures = (this.managedInitFailures.get(fn.name) ?? 0) + 1;
    this.managedInitFailures.set(fn.name, failures);
    if (failures === MANAGED_INIT_ATTEMPTS) {
      const note = `${fn.name}: INIT failed ${failures} times in a row; its Managed Instances environments are not started again until its code or configuration changes`;
      this.startupWarnings.push(note);
      if (this.options.log === true) process.stderr.write(`warning: ${note}\n`);
      this.emit('warning', note);
    }
  }

  /** Whether a Managed Instances function may start environments: not after INIT failed repeatedly. */
  private mayStartManaged(name: string): boolean {
    return (this.managedInitFailures.get(name) ?? 0) < MANAGED_INIT_ATTEMPTS;
  }

  private killAll(): void {
    for (const pool of this.pools.values()) for (const env of pool.environments) env.killNow();
  }
}

function printLog(event: LogEvent): void {
  process.stdout.write(`[${event.functionName} ${event.environmentId.slice(0, 8)}] ${event.line}\n`);
}

/**
 * Starts the local Lambda runtime for the given functions: bundles the bootstrap, finds the Node
 * binaries and initialises provisioned environments. It opens no listener: to serve the Invoke
 * API, hand the runtime to `startInvokeApiServer` (local/invoke-api), or use `serveLocalLambda`
 * (local/lambda-service), which also loads a stack file.
 *
 * @example
 * const rt = await startLocalLambda({ functions: [{ name: 'hello', handler: 'index.handler', runtime: 'nodejs24.x',
 *   memorySize: 128, timeout: 3, codeDir: 'dist/hello' }] });
 * const out = await rt.invoke('hello', {});
 * await rt.stop();
 */
export async function startLocalLambda(options: LocalLambdaOptions): Promise<LocalLambda> {
  const resolved = resolveOptions(options);
  const bootstrapFile = await bundleBootstrap(resolved.cacheDir);
  const rt = new LocalLambda(resolved, bootstrapFile, discoverNodeBinaries());
  await rt.init(resolved.functions);
  return rt;
}
