import { EnvironmentProcess, type ProcessExit } from './environment-process';
import { onLines } from './lines';
import type { MemorySample } from './memory-monitor';
import { heapFlags, type NodeBinary, threadFlags } from './node-binaries';
import { OrphanGuard } from './orphan-guard';
import { selectProcessProbe } from './process-probe';

export type { ProcessExit } from './environment-process';

/** What one environment's runtime is started with: the Node binary, the bootstrap, the task root and the variables. */
export interface RuntimeSpec {
  readonly node: NodeBinary;
  readonly bootstrapFile: string;
  readonly taskRoot: string;
  readonly env: Readonly<Record<string, string>>;
  readonly memorySize: number;
  /** Start Node's inspector on 127.0.0.1 at this port (`--inspect`). */
  readonly inspectPort?: number;
}

/** What a running runtime tells its environment. Called with `this` unbound: pass arrow functions. */
export interface RuntimeEvents {
  /** One line the runtime (the function) wrote to stdout. */
  stdout(line: string): void;
  stderr(line: string): void;
  /** Once, when the runtime has ended (a failed start counts, with neither code nor signal). */
  exit(exit: ProcessExit): void;
}

/**
 * The runtime of one execution environment as its life cycle drives it: freeze between
 * invocations, thaw for the next event, SIGTERM at SHUTDOWN, SIGKILL, and its memory.
 */
export interface RuntimeProcess {
  /** The runtime's pid, once known (undefined for the first moment after start). */
  readonly pid: number | undefined;
  readonly exited: boolean;
  /** Stopped between invocations, or about to stop itself. */
  readonly frozen: boolean;
  /** Its client asked for the next event; `selfFreeze` when it stops itself once that request has left. */
  awaitingEvent(selfFreeze: boolean): void;
  /** Stops it between invocations; false when it cannot be stopped (gone, or its pid not known yet). */
  freeze(): boolean;
  /** Resumes it when frozen; nothing otherwise. */
  thaw(): void;
  /** SIGTERM, SHUTDOWN's request to finish. */
  terminate(): void;
  /** SIGKILL to the whole sandbox: the runtime and anything the function started. */
  kill(): void;
  /** RSS and peak RSS now; undefined before its pid is known or once it is gone. */
  memory(): MemorySample | undefined;
  /** CPU time used so far, in ms (the capacity scaler's utilisation signal); undefined when unknown. */
  cpuTimeMs(): number | undefined;
}

/**
 * Starts the runtimes of execution environments. One kind today, a process per environment
 * ({@link ProcessExecutor}); an environment serving many invocations at once (worker threads)
 * would be another implementation beside it.
 */
export interface RuntimeExecutor {
  start(spec: RuntimeSpec, events: RuntimeEvents): RuntimeProcess;
  /** Releases what the executor holds for all its runtimes (they are stopped by then). */
  close(): void;
}

/**
 * A process per environment: Node running the bootstrap under a parent shell, in its own process
 * group, frozen with SIGSTOP and thawed with SIGCONT. Stdin stays a pipe the child watches: when
 * this process dies, the pipe closes and the child exits; a frozen child cannot notice, so an
 * {@link OrphanGuard} ends it instead.
 *
 * @example
 * const executor = new ProcessExecutor();
 * const runtime = executor.start(spec, { stdout: log, stderr: log, exit: onExit });
 * runtime.freeze();
 */
export class ProcessExecutor implements RuntimeExecutor {
  private readonly orphanGuard = new OrphanGuard(process.execPath);
  // Chosen once, at the runtime's start: a bad LOCAL_LAMBDA_PROC fails there, not at the first invoke.
  private readonly probe = selectProcessProbe();

  start(spec: RuntimeSpec, events: RuntimeEvents): RuntimeProcess {
    const proc = new EnvironmentProcess({
      command: spec.node.path,
      args: [
        ...heapFlags(spec.memorySize, spec.env.NODE_OPTIONS),
        ...threadFlags(spec.env.NODE_OPTIONS, spec.node, spec.inspectPort !== undefined),
        ...(spec.inspectPort !== undefined ? [`--inspect=127.0.0.1:${spec.inspectPort}`] : []),
        spec.bootstrapFile,
      ],
      cwd: spec.taskRoot,
      env: spec.env,
      probe: this.probe,
    });
    return new ChildRuntime(proc, this.orphanGuard, events);
  }

  close(): void {
    this.orphanGuard.stop();
  }
}

class ChildRuntime implements RuntimeProcess {
  exited = false;
  /** SIGSTOPped, or stopping itself. */
  private stopped = false;
  /** Whether the client's last request for the next event said it stops itself. */
  private selfFreezing = false;

  constructor(
    private readonly proc: EnvironmentProcess,
    private readonly orphanGuard: OrphanGuard,
    events: RuntimeEvents,
  ) {
    const group = proc.groupId;
    if (group !== undefined) orphanGuard.add(group);
    onLines(proc.stdout, events.stdout);
    onLines(proc.stderr, events.stderr);
    proc.onExit((exit) => {
      this.exited = true;
      this.stopped = false;
      if (group !== undefined) this.orphanGuard.remove(group);
      events.exit(exit);
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get frozen(): boolean {
    return this.stopped;
  }

  awaitingEvent(selfFreeze: boolean): void {
    // A client that freezes itself is stopping as this arrives (or has stopped): it needs a thaw either way.
    this.selfFreezing = selfFreeze;
    if (selfFreeze) this.stopped = true;
  }

  freeze(): boolean {
    if (this.stopped) return true;
    if (this.exited || this.proc.pid === undefined) return false;
    // False when the process is already gone: its exit event ends the environment.
    if (!this.proc.signal('SIGSTOP')) return false;
    this.stopped = true;
    return true;
  }

  thaw(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.selfFreezing) this.continueOnceStopped(0);
    else if (!this.exited) this.proc.signal('SIGCONT');
  }

  terminate(): void {
    if (!this.exited) this.proc.signal('SIGTERM');
  }

  kill(): void {
    if (!this.exited) this.proc.killGroup();
  }

  memory(): MemorySample | undefined {
    return this.exited ? undefined : this.proc.memory();
  }

  cpuTimeMs(): number | undefined {
    return this.exited ? undefined : this.proc.cpuTimeMs();
  }

  /**
   * A self-freezing client stops a moment after its request for the next event leaves; a SIGCONT
   * before that moment would be lost and leave it stopped with its event unread. So wait for it
   * to be stopped (almost always already), then continue it.
   */
  private continueOnceStopped(attempt: number): void {
    if (this.exited) return; // gone: its exit event ends the environment
    const proc = this.proc;
    // The event can come before the shell has reported Node's pid (a starved shell): wait for it.
    if (proc.pid === undefined) return void proc.whenPid().then(() => this.continueOnceStopped(attempt));
    const state = proc.schedulerState();
    if (state === undefined) return;
    if (state === 'T') {
      proc.signal('SIGCONT');
      return;
    }
    if (attempt < 50) setImmediate(() => this.continueOnceStopped(attempt + 1));
    else setTimeout(() => this.continueOnceStopped(attempt + 1), 1);
  }
}
