import { ManagedBreaker } from './breaker';
import { type BreakerOptions, breakerOptionsFromEnv } from './options';

/**
 * Breakers by name, kept at module scope so their state and statistics survive warm invocations
 * of one environment (each environment has its own: a breaker is per environment, not global).
 * Under Lambda Managed Instances module scope is per worker thread, so each worker of an environment
 * has its own registry, counting that worker's concurrent requests (see ManagedBreaker).
 */
export class BreakerRegistry {
  private readonly breakers = new Map<string, ManagedBreaker<never[], unknown>>();

  constructor(private readonly options: BreakerOptions = breakerOptionsFromEnv()) {}

  /**
   * The breaker named `name`, made on first request with `action` and `fallback`; later calls with
   * the same name return the same breaker (their action and fallback are ignored).
   *
   * @example
   * const db = breakers.get('db', (sql: string) => pool.query(sql), () => ({ rows: [] }));
   * const { value, fromFallback } = await db.fire('SELECT 1');
   */
  get<A extends unknown[], R>(
    name: string,
    action: (...args: A) => Promise<R>,
    fallback: (err: Error) => R | Promise<R>,
    options: Partial<BreakerOptions> = {},
  ): ManagedBreaker<A, R> {
    const existing = this.breakers.get(name);
    if (existing) return existing as unknown as ManagedBreaker<A, R>;
    const created = new ManagedBreaker(name, action, fallback, { ...this.options, ...options });
    this.breakers.set(name, created as unknown as ManagedBreaker<never[], unknown>);
    return created;
  }
}

/**
 * A registry configured from the BREAKER_* environment variables.
 *
 * @example
 * const breakers = createBreakerRegistry(); // at module scope
 */
export function createBreakerRegistry(options?: BreakerOptions): BreakerRegistry {
  return new BreakerRegistry(options);
}
