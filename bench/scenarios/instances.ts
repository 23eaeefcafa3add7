import type { Instance, Sample } from '../schema';

interface Seen {
  id: string;
  function: string;
  createdAtMs: number;
  endedAtMs: number | null;
  invocations: number;
}

/**
 * The execution environments the run saw, from the `instanceId` each response carries (made at module
 * load, so one id is one environment), the same way on AWS and locally. A forced cold start retires
 * every environment of the function, so that moment is their end.
 */
export class InstanceTracker {
  private readonly seen = new Map<string, Seen>();

  /** Counts a sample (warm-ups too: they are invocations the environment served). */
  observe(functionShortName: string, sample: Pick<Sample, 'instanceId' | 'startedAtMs'>): void {
    if (sample.instanceId === null) return;
    const known = this.seen.get(sample.instanceId);
    if (known) known.invocations += 1;
    else
      this.seen.set(sample.instanceId, {
        id: sample.instanceId,
        function: functionShortName,
        createdAtMs: sample.startedAtMs,
        endedAtMs: null,
        invocations: 1,
      });
  }

  /** Whether an environment was seen before. */
  has(instanceId: string): boolean {
    return this.seen.has(instanceId);
  }

  /** Marks every live environment of a function as ended (its configuration was just updated). */
  retire(functionShortName: string, atMs: number): void {
    for (const s of this.seen.values())
      if (s.function === functionShortName && s.endedAtMs === null) s.endedAtMs = atMs;
  }

  list(): Instance[] {
    return [...this.seen.values()].map((s) => ({ ...s }));
  }
}
