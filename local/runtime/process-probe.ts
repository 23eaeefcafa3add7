import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { InvalidOptionError } from './errors';
import { type MemorySample, parseMemory } from './memory-monitor';
import { ProcFile } from './proc-file';

/**
 * How the runtime looks at an environment process from outside: its scheduler state (is it
 * stopped yet?) and its memory. Linux has /proc; macOS has none, so there the same two facts come
 * from `ps`. The choice is made once per runtime process, by {@link selectProcessProbe}.
 */
export interface ProcessProbe {
  readonly kind: ProcessProbeKind;
  /** Starts watching `pid`; the watcher answers undefined once the process is gone. */
  watch(pid: number): ProbedProcess;
}

/** One process as a {@link ProcessProbe} sees it. */
export interface ProbedProcess {
  /** One letter: `T` stopped, `S` sleeping, `R` running, `Z` zombie...; undefined once it is gone. */
  schedulerState(): string | undefined;
  /** RSS and its peak, in kB; undefined once it is gone. */
  memory(): MemorySample | undefined;
  /** CPU time used so far (user + system), in ms; undefined once it is gone. */
  cpuTimeMs(): number | undefined;
  /** Releases what the watcher holds (an open /proc file). */
  close(): void;
}

export const processProbeKinds = ['procfs', 'ps'] as const;
export type ProcessProbeKind = (typeof processProbeKinds)[number];

/** The variable that forces a probe (tests run the `ps` one on Linux this way). */
export const PROCESS_PROBE_VARIABLE = 'LOCAL_LAMBDA_PROC';

/** /proc/<pid>/stat and /proc/<pid>/status, each read with one pread on a descriptor kept open. */
export const procfsProbe: ProcessProbe = {
  kind: 'procfs',
  watch(pid) {
    const stat = new ProcFile(`/proc/${pid}/stat`, 1024);
    const status = new ProcFile(`/proc/${pid}/status`);
    return {
      schedulerState() {
        const text = stat.read();
        // "pid (comm) S ...": comm may itself hold ')', so the state follows the last one.
        return text === undefined ? undefined : text.charAt(text.lastIndexOf(')') + 2) || undefined;
      },
      memory() {
        const text = status.read();
        return text === undefined ? undefined : parseMemory(text);
      },
      cpuTimeMs() {
        const text = stat.read();
        if (text === undefined) return undefined;
        // After "(comm)": state is field 3, utime and stime fields 14 and 15, in clock ticks (USER_HZ, 100 on Linux).
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        return Number.isFinite(ticks) ? ticks * 10 : undefined;
      },
      close() {
        stat.close();
        status.close();
      },
    };
  },
};

/**
 * `ps -o rss=,stat= -p PID`, the same columns on procps (Linux) and BSD ps (macOS). A ps run costs
 * milliseconds (tens on a loaded Linux, where procps scans all of /proc), so:
 * - the state is read synchronously and fresh each time: a stale `T` would let a SIGCONT go out
 *   before a self-freezing process has stopped, and be lost;
 * - memory is polled every few tens of ms while code runs, so it answers with the last sample and
 *   refreshes it in the background (one ps at a time), never blocking the runtime's thread. Only
 *   the first read, with no sample yet, waits for ps.
 * ps shows no peak RSS: the peak is the highest RSS this watcher has seen, a lower bound.
 */
export const psProbe: ProcessProbe = {
  kind: 'ps',
  watch(pid) {
    let gone = false;
    let peakKb = 0;
    let last: MemorySample | undefined;
    let cpuMs: number | undefined;
    let refreshing = false;
    const take = (line: string | undefined): { rssKb: number; state: string } | undefined => {
      const match = line === undefined ? null : /^\s*(\d+)\s+(\S)\S*\s*(\S*)/.exec(line);
      if (!match) {
        // Never asked again: the pid may by then belong to another process.
        gone = true;
        return undefined;
      }
      const rssKb = Number(match[1]);
      peakKb = Math.max(peakKb, rssKb);
      last = { rssKb, peakKb };
      cpuMs = parseCpuTime(match[3] ?? '') ?? cpuMs;
      return { rssKb, state: match[2] as string };
    };
    return {
      schedulerState: () => (gone ? undefined : take(psLineSync(pid))?.state),
      memory() {
        if (gone) return undefined;
        if (last === undefined) {
          take(psLineSync(pid));
          return last;
        }
        if (!refreshing) {
          refreshing = true;
          psLine(pid).then((line) => {
            refreshing = false;
            if (!gone) take(line);
          });
        }
        return last;
      },
      cpuTimeMs() {
        if (gone) return undefined;
        // The memory read refreshes it in the background, as it does the RSS.
        this.memory();
        return cpuMs;
      },
      close() {
        gone = true;
      },
    };
  },
};

const psArgs = (pid: number): string[] => ['-o', 'rss=,stat=,time=', '-p', String(pid)];

/**
 * ps's `time` column: `[[DD-]HH:]MM:SS[.cc]` (procps shows whole seconds, BSD ps on macOS hundredths).
 *
 * @example
 * parseCpuTime('1:02.50'); // 62500
 */
export function parseCpuTime(text: string): number | undefined {
  const match = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match) return undefined;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  return Math.round(((Number(days) * 24 + Number(hours)) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000);
}
// ps is found on this PATH as it is now (a host that embeds the runtime may have changed it).
const psOptions = () => ({ encoding: 'latin1' as const, env: process.env, timeout: 2_000 });

function psLineSync(pid: number): string | undefined {
  try {
    return execFileSync('ps', psArgs(pid), { ...psOptions(), stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    // ps exits 1 when no such process exists
    return undefined;
  }
}

function psLine(pid: number): Promise<string | undefined> {
  return new Promise((resolve) =>
    execFile('ps', psArgs(pid), psOptions(), (err, stdout) => resolve(err ? undefined : stdout)),
  );
}

/**
 * The probe for this machine: LOCAL_LAMBDA_PROC when set (`procfs` or `ps`), else /proc where it
 * exists (Linux) and `ps` elsewhere (macOS).
 *
 * @throws InvalidOptionError naming LOCAL_LAMBDA_PROC for another value.
 * @example
 * const watcher = selectProcessProbe(process.env).watch(pid);
 * watcher.schedulerState(); // 'T' once stopped
 */
export function selectProcessProbe(
  env: NodeJS.ProcessEnv = process.env,
  hasProcfs: () => boolean = () => existsSync('/proc/self/stat'),
): ProcessProbe {
  const forced = env[PROCESS_PROBE_VARIABLE];
  if (forced === undefined || forced === '') return hasProcfs() ? procfsProbe : psProbe;
  if (forced === 'procfs') return procfsProbe;
  if (forced === 'ps') return psProbe;
  throw new InvalidOptionError(PROCESS_PROBE_VARIABLE, forced, processProbeKinds.join(' or '));
}
