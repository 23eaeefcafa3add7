import { InvalidTransitionError } from '../../../local/runtime';
import { EnvironmentLifecycle, type LifecycleState, TRANSITIONS } from '../../../local/runtime/environment-state';

const STATES = Object.keys(TRANSITIONS) as LifecycleState[];

/** A lifecycle brought to `state` along allowed transitions. */
function at(state: LifecycleState): EnvironmentLifecycle {
  const paths: Record<LifecycleState, LifecycleState[]> = {
    initializing: [],
    idle: ['idle'],
    frozen: ['idle', 'frozen'],
    busy: ['idle', 'busy'],
    retiring: ['idle', 'busy', 'retiring'],
    stopping: ['stopping'],
    shutdown: ['shutdown'],
  };
  const lifecycle = new EnvironmentLifecycle();
  for (const next of paths[state]) lifecycle.to(next);
  return lifecycle;
}

describe('environment lifecycle', () => {
  it('starts initializing and follows every transition its table allows', () => {
    for (const from of STATES) {
      for (const to of TRANSITIONS[from]) {
        // Prepare
        const lifecycle = at(from);
        // Act
        const moved = lifecycle.to(to);
        // Assess
        expect(moved).toBe(true);
        expect(lifecycle.state).toBe(to);
      }
    }
    expect(new EnvironmentLifecycle().state).toBe('initializing');
  });

  it('throws EBADTRANSITION, naming both states, for every transition the table does not allow', () => {
    for (const from of STATES) {
      for (const to of STATES.filter((s) => s !== from && !TRANSITIONS[from].includes(s))) {
        // Prepare
        const lifecycle = at(from);
        // Act
        const err = (() => {
          try {
            lifecycle.to(to);
            return undefined;
          } catch (e) {
            return e;
          }
        })();
        // Assess
        expect(err).toBeInstanceOf(InvalidTransitionError);
        expect(err).toMatchObject({ code: 'EBADTRANSITION', from, to, name: 'InvalidTransitionError' });
        expect(lifecycle.state).toBe(from);
      }
    }
  });

  it('treats a move to the current state as no change', () => {
    // Prepare
    const lifecycle = at('stopping');
    // Act
    const moved = lifecycle.to('stopping');
    // Assess
    expect(moved).toBe(false);
    expect(lifecycle.state).toBe('stopping');
  });

  it('can end from every state, and nothing follows shutdown', () => {
    // Assess
    for (const from of STATES.filter((s) => s !== 'shutdown')) expect(TRANSITIONS[from]).toContain('shutdown');
    expect(TRANSITIONS.shutdown).toEqual([]);
  });

  it('derives retired from the state: retiring, stopping and shutdown only', () => {
    // Act
    const retired = STATES.filter((s) => at(s).retired);
    // Assess
    expect(retired.sort()).toEqual(['retiring', 'shutdown', 'stopping']);
  });

  it('shows a retiring environment as busy, and a stopping one as the state it left', () => {
    // Prepare
    const retiring = at('retiring');
    const fromFrozen = at('frozen');
    const fromRetiring = at('retiring');
    // Act
    fromFrozen.to('stopping');
    fromRetiring.to('stopping');
    // Assess
    expect(retiring.shown).toBe('busy');
    expect(fromFrozen.shown).toBe('frozen');
    expect(fromRetiring.shown).toBe('busy');
    expect(at('shutdown').shown).toBe('shutdown');
  });
});
