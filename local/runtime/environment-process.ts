import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import { onLines } from './lines';
import type { MemorySample } from './memory-monitor';
import { type ProbedProcess, type ProcessProbe, selectProcessProbe } from './process-probe';

/** The file descriptor the bootstrap writes `exit <code>` to, named by this variable (deleted before the handler loads). */
export const STATUS_FD_VARIABLE = 'LOCAL_LAMBDA_STATUS_FD';
const STATUS_FD = 3;

/**
 * Run by /bin/sh with the Node command line as "$@". The environment's Node process is the shell's
 * child, not the runtime's: stopping or continuing a process sends SIGCHLD to its parent, and libuv
 * answers every SIGCHLD with one waitpid() per child process it has. With the environments as the
 * runtime's own children, each freeze and thaw cost the runtime thread a syscall per environment
 * alive; under a shell that only waits, it costs the shell one wake-up it sleeps through.
 * fd 4 keeps the runtime's stdin pipe for Node (a background job's stdin would be /dev/null);
 * fd 3 carries Node's pid, then the bootstrap's own exit code.
 */
const PARENT_SCRIPT = 'exec 4<&0; "$@" <&4 4<&- & echo $! >&3; exec 3>&- 4<&-; wait $!';

/** What started an environment process: the Node command line, its folder and environment. */
export interface ProcessSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** How its state and memory are read (/proc or ps); by default the one for this machine. */
  readonly probe?: ProcessProbe;
}

/** How an environment process ended: an exit code, or the signal that ended it. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const SIGNAL_NAMES = new Map<number, NodeJS.Signals>(
  Object.entries(constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]),
);

/**
 * One execution environment's OS process: Node running the bootstrap, in its own process group.
 * Signals go to the Node process itself (its pid is known a moment after start); before that,
 * to the whole group.
 *
 * @example
 * const proc = new EnvironmentProcess({ command: node, args: [bootstrap], cwd: taskRoot, env });
 * proc.onExit(({ code, signal }) => console.log(code, signal));
 * proc.signal('SIGSTOP');
 */
export class EnvironmentProcess {
  /** The Node process's pid, once the parent shell has reported it. */
  pid: number | undefined;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  private readonly parent: ChildProcess;
  private reportedCode: number | undefined;
  private exited = false;
  private readonly pidWaiters: Array<(pid: number | undefined) => void> = [];
  private readonly probe: ProcessProbe;
  private probed: ProbedProcess | undefined;

  constructor(spec: ProcessSpec) {
    this.probe = spec.probe ?? selectProcessProbe();
    this.parent = spawn('/bin/sh', ['-c', PARENT_SCRIPT, 'sh', spec.command, ...spec.args], {
      cwd: spec.cwd,
      env: { ...spec.env, [STATUS_FD_VARIABLE]: String(STATUS_FD) },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      // Its own process group, as a Lambda sandbox is its own: a terminal's Ctrl-C must reach the runtime
      // only, which then shuts environments down with SIGTERM (SHUTDOWN), never with a stray SIGINT.
      detached: true,
    });
    this.stdout = this.parent.stdout;
    this.stderr = this.parent.stderr;
    // The stdin pipe only tells Node when the runtime is gone; nothing is written to it.
    this.parent.stdin?.on('error', () => undefined);
    onLines(this.parent.stdio[STATUS_FD] as Readable | null, (line) => this.readStatus(line));
  }

  /** The process group (the parent shell's pid): ends the environment and anything it started. */
  get groupId(): number | undefined {
    return this.parent.pid;
  }

  /** Resolves with the Node pid once known, or undefined if the process ended first. */
  whenPid(): Promise<number | undefined> {
    if (this.pid !== undefined || this.exited) return Promise.resolve(this.pid);
    return new Promise((resolve) => this.pidWaiters.push(resolve));
  }

  /** Calls `listener` once, when the environment has ended (a spawn failure counts, with neither code nor signal). */
  onExit(listener: (exit: ProcessExit) => void): void {
    let done = false;
    const finish = (exit: ProcessExit): void => {
      if (done) return;
      done = true;
      this.exited = true;
      this.probed?.close();
      for (const w of this.pidWaiters.splice(0)) w(this.pid);
      listener(exit);
    };
    this.parent.on('error', () => finish({ code: null, signal: null }));
    // One loop turn later: the exit code the bootstrap wrote to fd 3 before exiting was readable
    // in the same poll as the shell's exit, but may be read after it.
    this.parent.on('exit', (code, signal) => {
      // Node is gone, so is the sandbox: whatever the function started goes with it, as on Lambda.
      // The group id cannot be reused while any of its members lives.
      this.killGroup();
      setImmediate(() => finish(this.translate(code, signal)));
    });
  }

  /** Sends `sig` to the Node process (the group, before its pid is known); false if it is gone. */
  signal(sig: NodeJS.Signals): boolean {
    if (this.exited) return false;
    const target = this.pid ?? (this.parent.pid !== undefined ? -this.parent.pid : undefined);
    if (target === undefined) return false;
    try {
      process.kill(target, sig);
      return true;
    } catch {
      return false;
    }
  }

  /** Which probe reads its state and memory: `procfs` or `ps`. */
  get probeKind(): ProcessProbe['kind'] {
    return this.probe.kind;
  }

  /**
   * The Node process's scheduler state (`T` when stopped, `S` sleeping, `R` running), or undefined
   * once it is gone. It runs on every thaw of a self-freezing environment.
   */
  schedulerState(): string | undefined {
    return this.watcher()?.schedulerState();
  }

  /** The Node process's RSS and peak RSS now; undefined before its pid is known or once it is gone. */
  memory(): MemorySample | undefined {
    return this.watcher()?.memory();
  }

  /** CPU time the Node process has used, in ms; undefined before its pid is known or once it is gone. */
  cpuTimeMs(): number | undefined {
    return this.watcher()?.cpuTimeMs();
  }

  private watcher(): ProbedProcess | undefined {
    if (this.exited || this.pid === undefined) return undefined;
    this.probed ??= this.probe.watch(this.pid);
    return this.probed;
  }

  /** SIGKILL to the whole process group: the shell, Node, and any process the function started. */
  killGroup(): void {
    if (this.exited || this.parent.pid === undefined) return;
    try {
      process.kill(-this.parent.pid, 'SIGKILL');
    } catch {
      // nothing left in the group
    }
  }

  /**
   * The shell exits with Node's status, and a signal death shows there as 128+n. The bootstrap
   * writes its own exit code to fd 3 first, so a code it chose (Lambda's runtime uses 128 and 129)
   * is never mistaken for a signal.
   */
  private translate(code: number | null, signal: NodeJS.Signals | null): ProcessExit {
    if (signal) return { code: null, signal };
    // The report is the code Node meant to exit with; the shell's status says what happened. They
    // differ when a later 'exit' listener changed the code, or a SIGKILL came during the listeners.
    if (this.reportedCode !== undefined && (this.reportedCode & 0xff) === code) return { code, signal: null };
    if (code !== null && code > 128) {
      const name = SIGNAL_NAMES.get(code - 128);
      if (name) return { code: null, signal: name };
    }
    return { code, signal: null };
  }

  private readStatus(line: string): void {
    if (line.startsWith('exit ')) this.reportedCode = Number(line.slice(5));
    else if (this.pid === undefined && /^\d+$/.test(line)) {
      this.pid = Number(line);
      for (const w of this.pidWaiters.splice(0)) w(this.pid);
    }
  }
}
