import type { ExecutionEnvironment } from './execution-environment';

/**
 * Which environment gets an invoke: the most recently used idle one of the function, else none
 * (the caller starts a cold one). Lambda's routing favours warm, recently used environments,
 * so a steady trickle keeps hitting the same one and the rest age out.
 */
export class FunctionPool {
  readonly environments = new Set<ExecutionEnvironment>();
  /** Idle environments, most recently used last. */
  private idle: ExecutionEnvironment[] = [];

  /** Managed Instances: environments serve many invocations at once and stay in the pool while busy. */
  constructor(
    readonly functionName: string,
    readonly managed = false,
  ) {}

  add(env: ExecutionEnvironment): void {
    this.environments.add(env);
  }

  /**
   * Takes the most recently used idle environment, skipping any that died or were retired meanwhile. Under
   * Managed Instances, the environment with the most room among those that can take one: an environment at
   * its maximum concurrency is passed over for another ("Scaling Lambda Managed Instances",
   * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html).
   */
  take(): ExecutionEnvironment | undefined {
    if (this.managed) return this.leastLoaded();
    while (this.idle.length > 0) {
      const env = this.idle.pop();
      if (env?.available) return env;
    }
    return undefined;
  }

  /** Returns an environment after its invocation; true if it was kept for reuse. */
  release(env: ExecutionEnvironment): boolean {
    if (!env.available || !this.environments.has(env)) return false;
    if (this.managed) return true;
    this.idle.push(env);
    return true;
  }

  remove(env: ExecutionEnvironment): void {
    this.environments.delete(env);
    const at = this.idle.indexOf(env);
    if (at >= 0) this.idle.splice(at, 1);
  }

  /** Environments that have not been retired: the count scaling works from (Managed Instances). */
  countActive(): number {
    let n = 0;
    for (const env of this.environments) if (!env.retired) n += 1;
    return n;
  }

  private leastLoaded(): ExecutionEnvironment | undefined {
    let best: ExecutionEnvironment | undefined;
    for (const env of this.environments) {
      if (!env.available) continue;
      if (!best || env.capacity - env.load > best.capacity - best.load) best = env;
    }
    return best;
  }

  countProvisioned(): number {
    let n = 0;
    for (const env of this.environments) if (env.provisioned && !env.retired) n += 1;
    return n;
  }
}
