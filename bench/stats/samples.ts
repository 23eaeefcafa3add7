import { InsufficientSamplesError, InvalidSampleError } from './errors';

/**
 * Checks that every sample is a finite number and that there are at least `needed` of them,
 * so each statistic fails at its entrance with a message naming the bad sample instead of returning NaN.
 */
export function checkSamples(statistic: string, samples: readonly number[], needed: number): void {
  samples.forEach((value, index) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidSampleError(statistic, index, value);
  });
  if (samples.length < needed) throw new InsufficientSamplesError(statistic, needed, samples.length);
}

/** A sorted copy; the caller's array is never reordered. */
export function sortedCopy(samples: readonly number[]): number[] {
  return [...samples].sort((a, b) => a - b);
}
