import type { FunctionPool } from './assignment';

/** When environments end without being asked to. */
export interface ReaperOptions {
  /** An idle environment (not provisioned) is shut down after this long without an invocation. */
  readonly idleTimeoutMs: number;
  /** Every environment is retired after this long, even under constant traffic. */
  readonly maxLifetimeMs: number;
  readonly shutdownGraceMs: number;
}

/**
 * Ends environments as Lambda does on its own: idle ones after the idle timeout, every one after
 * its maximum lifetime (a busy one once its invocation ends). One timer for all pools, a quarter
 * of the idle timeout apart (10 ms to 1 s), that never keeps the process alive.
 *
 * @example
 * const reaper = new Reaper(pools, { idleTimeoutMs: 300_000, maxLifetimeMs: 14_400_000, shutdownGraceMs: 500 });
 * reaper.stop();
 */
export class Reaper {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pools: ReadonlyMap<string, FunctionPool>,
    private readonly options: ReaperOptions,
  ) {
    const tick = Math.max(Math.min(1000, Math.floor(options.idleTimeoutMs / 4)), 10);
    this.timer = setInterval(() => this.reap(Date.now()), tick);
    this.timer.unref();
  }

  /** Shuts down or retires what is due at `now` (epoch ms). */
  reap(now: number): void {
    const { idleTimeoutMs, maxLifetimeMs, shutdownGraceMs } = this.options;
    for (const pool of this.pools.values()) {
      // Managed Instances environments are not reaped for idleness or age: the capacity scaler keeps
      // their number between the function's minimum and maximum (capacity-scaler.ts).
      if (pool.managed) continue;
      for (const env of pool.environments) {
        if (env.retired || env.state === 'initializing') continue;
        if (now - env.createdAt >= maxLifetimeMs) void env.retire('max-lifetime');
        else if (env.available && !env.provisioned && now - env.lastUsedAt >= idleTimeoutMs) {
          void env.shutdown('idle-timeout', shutdownGraceMs);
        }
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
