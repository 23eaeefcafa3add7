import type { FunctionPool } from './assignment';
import type { ExecutionEnvironment } from './execution-environment';
import type { ManagedInstancesPlan } from './managed-instances';

/** How Managed Instances environments are scaled locally; the defaults follow AWS where it says. */
export const scalerDefaults = {
  /** How often utilisation is read. AWS scales asynchronously, in minutes; locally a second shows it happen. */
  intervalMs: 1_000,
  /**
   * The utilisation kept: by default AWS keeps enough headroom "for traffic to double within 5 minutes
   * without throttles", which is a target of half ("Scaling Lambda Managed Instances").
   */
  targetUtilization: 0.5,
  /** Scaling may at most double the environments within this window ("more than doubles within 5 minutes"). */
  doublingWindowMs: 300_000,
  /** Intervals in a row below half the target before one environment is retired: scale-down is gradual. */
  scaleInAfterIntervals: 10,
} as const;

export type ScalerOptions = { -readonly [K in keyof typeof scalerDefaults]: number };

/** What the scaler may do to a function's environments. */
export interface ScalerHooks {
  /** Starts one more environment of `functionName` (INIT runs; it takes invocations once ready). */
  scaleOut(functionName: string): void;
  /** Retires `env` (it finishes what it runs, then shuts down). */
  scaleIn(env: ExecutionEnvironment): void;
}

interface Window {
  startedAt: number;
  /** Environments at the window's start: scaling may not go past twice this within it. */
  base: number;
  lowIntervals: number;
}

/** One function's reading at one interval. */
export interface ScalingReading {
  readonly environments: number;
  /** Mean CPU use of its environments, 0 to 1 of their vCPUs. */
  readonly cpu: number;
  /** Invocations in flight over the concurrency its environments admit, 0 to 1. */
  readonly saturation: number;
  /** How many environments it wants, within its minimum, maximum and the doubling limit. */
  readonly desired: number;
}

/**
 * Scales Managed Instances environments the way AWS describes: not when invocations arrive (there are no
 * cold starts) but asynchronously, on CPU utilisation and multi-concurrency saturation, towards a target
 * utilisation, never below the function's minimum (3 by default) or above its maximum, and at most doubling
 * within 5 minutes, so a burst past that is throttled until capacity catches up ("Scaling Lambda Managed
 * Instances", https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html).
 *
 * @example
 * const scaler = new CapacityScaler(pools, plans, hooks);
 * scaler.tick(Date.now()); // what the interval runs
 */
export class CapacityScaler {
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly windows = new Map<string, Window>();
  private readonly lastCpu = new Map<ExecutionEnvironment, { at: number; cpuMs: number }>();
  private readonly options: ScalerOptions;

  constructor(
    private readonly pools: ReadonlyMap<string, FunctionPool>,
    private readonly plans: ReadonlyMap<string, ManagedInstancesPlan>,
    private readonly hooks: ScalerHooks,
    options: Partial<ScalerOptions> = {},
  ) {
    this.options = { ...scalerDefaults, ...options };
    if (plans.size === 0) return;
    this.timer = setInterval(() => this.tick(Date.now()), this.options.intervalMs);
    this.timer.unref();
  }

  /** Reads every LMI function's utilisation at `now` (epoch ms) and scales it; returns the readings. */
  tick(now: number): Map<string, ScalingReading> {
    const readings = new Map<string, ScalingReading>();
    for (const [name, plan] of this.plans) {
      const pool = this.pools.get(name);
      if (!pool) continue;
      readings.set(name, this.scale(name, pool, plan, now));
    }
    for (const env of this.lastCpu.keys()) if (env.state === 'shutdown') this.lastCpu.delete(env);
    return readings;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private scale(name: string, pool: FunctionPool, plan: ManagedInstancesPlan, now: number): ScalingReading {
    const active = [...pool.environments].filter((env) => !env.retired);
    const ready = active.filter((env) => env.state !== 'initializing');
    let cpuSum = 0;
    let load = 0;
    let capacity = 0;
    for (const env of ready) {
      cpuSum += this.cpuOf(env, plan, now);
      load += env.load;
      capacity += env.capacity;
    }
    const cpu = ready.length > 0 ? cpuSum / ready.length : 0;
    const saturation = capacity > 0 ? load / capacity : 0;
    const window = this.windowOf(name, active.length, now);
    const signal = Math.max(cpu, saturation);
    const wanted = Math.ceil((active.length * signal) / this.options.targetUtilization);
    const desired = Math.max(plan.minEnvironments, Math.min(wanted, plan.maxEnvironments, window.base * 2));
    for (let n = active.length; n < desired; n += 1) this.hooks.scaleOut(name);
    if (desired < active.length && signal < this.options.targetUtilization / 2) {
      window.lowIntervals += 1;
      if (window.lowIntervals >= this.options.scaleInAfterIntervals) {
        window.lowIntervals = 0;
        const victim = ready.filter((env) => env.load === 0).pop();
        if (victim) this.hooks.scaleIn(victim);
      }
    } else window.lowIntervals = 0;
    return { environments: active.length, cpu, saturation, desired };
  }

  /** CPU use since the last reading, as a share of the environment's vCPUs; also shown on the environment. */
  private cpuOf(env: ExecutionEnvironment, plan: ManagedInstancesPlan, now: number): number {
    const cpuMs = env.cpuTimeMs();
    if (cpuMs === undefined) return 0;
    const last = this.lastCpu.get(env);
    this.lastCpu.set(env, { at: now, cpuMs });
    if (!last || now <= last.at) return env.cpuUtilization ?? 0;
    const share = Math.min(1, Math.max(0, (cpuMs - last.cpuMs) / ((now - last.at) * plan.vcpus)));
    env.cpuUtilization = Math.round(share * 1000) / 1000;
    return share;
  }

  private windowOf(name: string, environments: number, now: number): Window {
    let window = this.windows.get(name);
    if (!window || now - window.startedAt >= this.options.doublingWindowMs) {
      window = { startedAt: now, base: Math.max(environments, 1), lowIntervals: window?.lowIntervals ?? 0 };
      this.windows.set(name, window);
    }
    return window;
  }
}
