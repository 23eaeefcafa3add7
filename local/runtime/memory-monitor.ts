import { readFile } from 'node:fs/promises';

/** Resident memory of a process, in kB, from /proc/<pid>/status. */
export interface MemorySample {
  readonly rssKb: number;
  /** Peak RSS over the process's life (VmHWM). */
  readonly peakKb: number;
}

/**
 * Reads the real RSS and its high-water mark of a process. Resolves undefined once the process is gone.
 *
 * @example
 * const sample = await readMemory(child.pid);
 */
export async function readMemory(pid: number): Promise<MemorySample | undefined> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/status`, 'latin1');
  } catch {
    return undefined;
  }
  return { rssKb: field(text, 'VmRSS:'), peakKb: field(text, 'VmHWM:') };
}

function field(text: string, name: string): number {
  const at = text.indexOf(name);
  if (at < 0) return 0;
  return parseInt(text.slice(at + name.length, text.indexOf('\n', at)), 10) || 0;
}

/** What the monitor watches: a process and the limit past which it is out of memory. */
export interface Watched {
  readonly pid: number | undefined;
  readonly memoryLimitKb: number;
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
  private polling = false;

  constructor(private readonly intervalMs: number) {}

  watch(target: Watched): void {
    this.watched.add(target);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.intervalMs);
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

  private async poll(): Promise<void> {
    if (this.polling || this.watched.size === 0) return;
    this.polling = true;
    try {
      await Promise.all(
        [...this.watched].map(async (target) => {
          if (target.pid === undefined) return;
          const sample = await readMemory(target.pid);
          if (sample && this.watched.has(target)) target.onSample(sample);
        }),
      );
    } finally {
      this.polling = false;
    }
  }
}
