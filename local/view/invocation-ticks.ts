import type { InvocationEvent, LocalLambda } from '../runtime';

/** One invocation as a tick on an environment's timeline row; `at` is its start, epoch ms. */
export interface InvocationTick {
  readonly at: number;
  readonly durationMs: number;
  readonly status: InvocationEvent['status'];
}

/** Bounds: the page draws at most this many ticks per row, for at most this many environments. */
export const tickLimits = { perEnvironment: 200, environments: 2_000 };

/**
 * Records every invocation's start per environment, from the runtime's `invocation` event (emitted
 * after the REPORT line: start = now - duration), so the timeline can tick each one.
 *
 * @example
 * const ticks = trackInvocationTicks(runtime);
 * ticks.get(environmentId); // [{ at: 1764640000000, durationMs: 3.1, status: 'success' }]
 */
export function trackInvocationTicks(runtime: Pick<LocalLambda, 'on'>): ReadonlyMap<string, readonly InvocationTick[]> {
  const ticks = new Map<string, InvocationTick[]>();
  runtime.on('invocation', (event: InvocationEvent) => {
    let row = ticks.get(event.environmentId);
    if (!row) {
      row = [];
      ticks.set(event.environmentId, row);
      // The oldest environments have long left the view's ended history by then.
      if (ticks.size > tickLimits.environments) ticks.delete(ticks.keys().next().value as string);
    }
    row.push({ at: Date.now() - event.durationMs, durationMs: event.durationMs, status: event.status });
    if (row.length > tickLimits.perEnvironment) row.shift();
  });
  return ticks;
}
