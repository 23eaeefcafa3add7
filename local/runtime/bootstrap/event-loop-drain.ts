/** What emits `beforeExit` once the event loop has nothing left to do: `process`, in the bootstrap. */
export interface BeforeExitEmitter {
  on(event: 'beforeExit', listener: () => void): unknown;
}

/**
 * Runs callbacks once the event loop has drained, which Node signals with `beforeExit`. Lambda's
 * callback contract needs it: with `callbackWaitsForEmptyEventLoop`, the answer waits for that.
 *
 * @example
 * const drain = new EventLoopDrain(process);
 * drain.wait(() => send());
 */
export class EventLoopDrain {
  private waiters: Array<() => void> = [];

  constructor(emitter: BeforeExitEmitter) {
    emitter.on('beforeExit', () => {
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    });
  }

  /** Calls `then` the next time the event loop is empty. */
  wait(then: () => void): void {
    this.waiters.push(then);
  }
}
