/** Resident memory of a process, in kB (from /proc/<pid>/status, or `ps` where there is no /proc: process-probe.ts). */
export interface MemorySample {
  readonly rssKb: number;
  /** Peak RSS over the process's life (VmHWM). */
  readonly peakKb: number;
}

/**
 * Reads RSS and its high-water mark from the text of /proc/<pid>/status.
 *
 * @example
 * const sample = parseMemory(fs.readFileSync(`/proc/${pid}/status`, 'latin1'));
 */
export function parseMemory(status: string): MemorySample {
  return { rssKb: field(status, 'VmRSS:'), peakKb: field(status, 'VmHWM:') };
}

function field(text: string, name: string): number {
  const at = text.indexOf(name);
  if (at < 0) return 0;
  return parseInt(text.slice(at + name.length, text.indexOf('\n', at)), 10) || 0;
}

/** What the monitor watches: a process and the limit past which it is out of memory. */
export interface Watched {
  readonly memoryLimitKb: number;
  /** The process's memory now; undefined before its pid is known or once it is gone. */
  sampleMemory(): MemorySample | undefined;
  /** Called with each sample; the watcher ends the invocation when `rssKb` passes the limit. */
  onSample(sample: MemorySample): void;
}

/**
 * Polls the RSS of the environments that are running code (INIT or INVOKE), on one timer for all:
 * a frozen environment cannot grow, so it is not polled.
 */
export class MemoryMonitor {
  private readonly watched = new Set<Watched>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs: number) {}

  watch(target: Watched): void {
    this.watched.add(target);
    if (!this.timer) {
      this.timer = setInterval(() => this.poll(), this.intervalMs);
      this.timer.unref();
    }
  }

  unwatch(target: Watched): void {
    // The timer stays (unref'd, idle when nothing is watched): re-creating it per invocation costs more.
    this.watched.delete(target);
  }

  stop(): void {
    this.watched.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private poll(): void {
    for (const target of this.watched) {
      const sample = target.sampleMemory();
      // onSample may end the environment, which unwatches it: Set iteration allows that.
      if (sample) target.onSample(sample);
    }
  }
}
