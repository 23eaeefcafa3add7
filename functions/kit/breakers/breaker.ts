// opossum stays on 9: opossum 10 requires Node ^22 || ^24 || ^26 and drops Node 20, while 9 runs on
// 20, 22 and 24, every Node version the project's tooling and Lambda runtimes touch.
import CircuitBreaker from 'opossum';
import { errorCode } from '../../../common/errors';
import { type BreakerOptions, validateBreakerOptions } from './options';

export type BreakerState = 'closed' | 'open' | 'halfOpen';

/**
 * Why the fallback answered: `open`, the breaker rejected the call without running it; `timeout`,
 * the call outlived the breaker's `timeout`; `error`, the call itself failed.
 */
export type FallbackReason = 'open' | 'timeout' | 'error';

/** What one call through the breaker produced. */
export interface BreakerOutcome<R> {
  readonly value: R;
  /** True when the fallback answered (breaker open, call failed or timed out). */
  readonly fromFallback: boolean;
  /** Set when the fallback answered. */
  readonly fallbackReason: FallbackReason | undefined;
  /**
   * The error's `code` (or its `name` without one) when the fallback answered: `EOPENBREAKER` and
   * `ETIMEDOUT` are opossum's own; for `error`, whatever the call threw (e.g. `ECONNREFUSED`).
   */
  readonly errorCode: string | undefined;
}

/** Counters over the rolling window, plus the state. */
export interface BreakerStats {
  state: BreakerState;
  fires: number;
  successes: number;
  failures: number;
  timeouts: number;
  rejects: number;
  fallbacks: number;
  /** Times the breaker was moved to halfOpen on the next call because its reset timer could not fire (frozen environment). */
  thawHalfOpens: number;
  /** Times the breaker opened since it was made: concurrent failures that trip it together open it once. */
  opens: number;
}

type Wrapped<R> = BreakerOutcome<R>;

/**
 * One named opossum breaker with a fallback, made correct for a freezing environment and for many
 * invocations at once.
 *
 * Scope: a breaker lives in module scope, so it is one per module instance. In classic Lambda that is one
 * per execution environment, serving one invocation at a time. Under Lambda Managed Instances, Node.js
 * runs the handler module once per worker thread and "each concurrent request handled by the same worker
 * thread shares the same handler object and global state"
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html): so a
 * breaker's counts are those of every concurrent request of its worker, mixed in one rolling window, and
 * the environment's other workers each have a breaker of their own that counts and opens on its own.
 * That is deliberate: a breaker describes what its own calls see, and sharing counts across threads would
 * need messaging on every call. Concurrent failures that trip it open it once (`stats().opens`); calls
 * already running when it opens still end as themselves (`fallbackReason` `error` or `timeout`), calls
 * fired after it opened are rejected (`open`), and in halfOpen opossum lets one trial call through and
 * rejects the others until that trial settles. The volume threshold is sized for this; see
 * `volumeThresholdFor` in ./options.
 *
 * opossum reaches halfOpen only when its `resetTimeout` timer fires; `fire()` never looks at the
 * clock. Lambda runs no timers while an environment is frozen, and on thaw the invocation can run
 * before the overdue timer does, so a breaker whose reset time passed during the freeze would still
 * reject the next call. Before each call this class compares the time since opening (monotonic
 * clock) with `resetTimeout` and, when it has passed, rebuilds the opossum breaker in halfOpen state
 * with the same statistics, through opossum's public `state`/`status` options.
 */
export class ManagedBreaker<A extends unknown[], R> {
  private breaker: CircuitBreaker<A, Wrapped<R>>;
  private openedAt: number | undefined;
  private thawHalfOpens = 0;
  private opens = 0;
  /**
   * opossum's own reject and timeout errors, learnt from its `reject`/`timeout` events, which it emits
   * with the very error it then hands the fallback. Matching the object, not its code, keeps a call's
   * own `ETIMEDOUT` (a socket timing out) an `error` rather than the breaker's timeout.
   */
  private readonly ownErrors = new WeakMap<object, FallbackReason>();
  /** The validated options this breaker runs with. */
  readonly options: BreakerOptions;
  private readonly wrappedAction: (...args: A) => Promise<Wrapped<R>>;
  private readonly wrappedFallback: (...args: unknown[]) => Promise<Wrapped<R>>;

  constructor(
    readonly name: string,
    action: (...args: A) => Promise<R>,
    fallback: (err: Error) => R | Promise<R>,
    options: BreakerOptions,
  ) {
    this.options = validateBreakerOptions(options);
    this.wrappedAction = async (...args: A) => ({
      value: await action(...args),
      fromFallback: false,
      fallbackReason: undefined,
      errorCode: undefined,
    });
    // opossum passes the call's arguments and then the error.
    this.wrappedFallback = async (...args: unknown[]) => {
      const err = args[args.length - 1] as Error;
      return {
        value: await fallback(err),
        fromFallback: true,
        fallbackReason: (err !== null && typeof err === 'object' && this.ownErrors.get(err)) || 'error',
        errorCode: errorCode(err) ?? err?.name ?? 'Error',
      };
    };
    this.breaker = this.build(undefined);
  }

  /**
   * Calls the action through the breaker.
   *
   * @example
   * const { value, fromFallback, fallbackReason } = await breaker.fire(userId);
   * if (fallbackReason === 'open') metrics.count('shed');
   */
  async fire(...args: A): Promise<BreakerOutcome<R>> {
    this.halfOpenIfResetElapsed();
    return this.breaker.fire(...args);
  }

  get state(): BreakerState {
    if (this.breaker.opened) return 'open';
    if (this.breaker.halfOpen) return 'halfOpen';
    return 'closed';
  }

  stats(): BreakerStats {
    const s = this.breaker.stats;
    return {
      state: this.state,
      fires: s.fires,
      successes: s.successes,
      failures: s.failures,
      timeouts: s.timeouts,
      rejects: s.rejects,
      fallbacks: s.fallbacks,
      thawHalfOpens: this.thawHalfOpens,
      opens: this.opens,
    };
  }

  private halfOpenIfResetElapsed(): void {
    if (!this.breaker.opened || this.openedAt === undefined) return;
    if (this.options.monotonicNow() - this.openedAt < this.options.resetTimeout) return;
    this.thawHalfOpens += 1;
    const old = this.breaker;
    this.breaker = this.build(old);
    // The discarded breaker's unref'd reset timer may still fire later; it only flips that object, and
    // without its listeners it no longer reports to us.
    old.removeAllListeners();
  }

  private build(previous: CircuitBreaker<A, Wrapped<R>> | undefined): CircuitBreaker<A, Wrapped<R>> {
    const options: CircuitBreaker.Options<A> & { state?: Record<string, unknown> } = {
      name: this.name,
      timeout: this.options.timeout,
      resetTimeout: this.options.resetTimeout,
      errorThresholdPercentage: this.options.errorThresholdPercentage,
      volumeThreshold: this.options.volumeThreshold,
      rollingCountTimeout: this.options.rollingCountTimeout,
      // Snapshots are a timer-driven event stream nobody listens to here.
      enableSnapshots: false,
    };
    if (previous) {
      options.status = previous.status;
      options.state = { ...previous.toJSON().state, closed: false, open: false, halfOpen: true };
    }
    const breaker = new CircuitBreaker<A, Wrapped<R>>(this.wrappedAction, options);
    breaker.fallback(this.wrappedFallback);
    breaker.on('reject', (err: Error) => this.ownErrors.set(err, 'open'));
    breaker.on('timeout', (err: Error) => this.ownErrors.set(err, 'timeout'));
    breaker.on('open', () => {
      this.opens += 1;
      this.openedAt = this.options.monotonicNow();
    });
    breaker.on('close', () => {
      this.openedAt = undefined;
    });
    return breaker;
  }
}
