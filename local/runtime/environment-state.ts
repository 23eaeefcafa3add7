import { InvalidTransitionError } from './errors';
import type { EnvironmentState } from './types';

/**
 * Where an execution environment is in its life cycle. Beside the states the environment list
 * shows, two say it is retired: `retiring` (an invocation is still running; SHUTDOWN follows it)
 * and `stopping` (SHUTDOWN under way: SIGTERM or SIGKILL sent, the process not gone yet).
 */
export type LifecycleState = 'initializing' | 'idle' | 'frozen' | 'busy' | 'retiring' | 'stopping' | 'shutdown';

/**
 * Which state may follow which. `frozen` and `idle` both wait for an event (stopped or not); an
 * invocation makes either `busy`; a process may die in any state but `shutdown`, which ends it.
 */
export const TRANSITIONS: Readonly<Record<LifecycleState, readonly LifecycleState[]>> = {
  initializing: ['idle', 'stopping', 'shutdown'],
  idle: ['frozen', 'busy', 'stopping', 'shutdown'],
  frozen: ['busy', 'stopping', 'shutdown'],
  busy: ['idle', 'retiring', 'stopping', 'shutdown'],
  retiring: ['stopping', 'shutdown'],
  stopping: ['shutdown'],
  shutdown: [],
};

// `stopping` never shows: the list keeps the state it left until the process is gone, as it always has.
const SHOWN: Readonly<Record<Exclude<LifecycleState, 'stopping'>, EnvironmentState>> = {
  initializing: 'initializing',
  idle: 'idle',
  frozen: 'frozen',
  busy: 'busy',
  retiring: 'busy',
  shutdown: 'shutdown',
};

/**
 * One environment's state, changed only through {@link EnvironmentLifecycle.to}, which checks
 * {@link TRANSITIONS} and throws {@link InvalidTransitionError} (`EBADTRANSITION`) otherwise.
 *
 * @example
 * const lifecycle = new EnvironmentLifecycle();
 * lifecycle.to('idle');
 * lifecycle.to('initializing'); // throws InvalidTransitionError
 */
export class EnvironmentLifecycle {
  private current: LifecycleState = 'initializing';
  private left: LifecycleState = 'initializing';

  get state(): LifecycleState {
    return this.current;
  }

  /** Retired: it takes no new invocation and shuts down (after the running one, if any). */
  get retired(): boolean {
    return this.current === 'retiring' || this.current === 'stopping' || this.current === 'shutdown';
  }

  /** The state as `EnvironmentInfo.state` (the Invoke API's `/_local/environments`) shows it. */
  get shown(): EnvironmentState {
    const shown = this.current === 'stopping' ? this.left : this.current;
    // `left` is never `stopping`: the table allows no move from it but to shutdown.
    return SHOWN[shown as Exclude<LifecycleState, 'stopping'>];
  }

  /** Moves to `next`; false when already there. Throws InvalidTransitionError when the table forbids it. */
  to(next: LifecycleState): boolean {
    const from = this.current;
    if (from === next) return false;
    if (!TRANSITIONS[from].includes(next)) throw new InvalidTransitionError(from, next);
    this.left = from;
    this.current = next;
    return true;
  }
}
