/** Axis scales for the charts: value → pixel, with readable tick values. */
export interface Scale {
  readonly kind: 'linear' | 'log';
  map(value: number): number;
  readonly ticks: readonly number[];
}

/** The 1-2-5 step closest to span/targetTicks, so ticks read 0, 20, 40 rather than 0, 17, 34. */
function niceStep(span: number, targetTicks: number): number {
  const raw = span / Math.max(1, targetTicks);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const nice = residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1;
  return nice * magnitude;
}

/**
 * A linear scale from `[min, max]` (widened to nice tick bounds) onto `[from, to]` pixels.
 *
 * @example
 * const x = linearScale(0, 93, 0, 500);
 * x.ticks; // [0, 20, 40, 60, 80, 100]
 */
export function linearScale(min: number, max: number, from: number, to: number, targetTicks = 5): Scale {
  const hi0 = max > min ? max : min + 1;
  const step = niceStep(hi0 - min, targetTicks);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(hi0 / step) * step;
  const ticks: number[] = [];
  for (let i = 0; i <= 50 && lo + i * step <= hi + step / 1e6; i++) ticks.push(Number((lo + i * step).toPrecision(12)));
  return { kind: 'linear', ticks, map: (v) => from + ((v - lo) / (hi - lo)) * (to - from) };
}

/**
 * A log10 scale, for latencies where a cold start is tens of times a warm one and both must stay readable.
 * Bounds widen to the enclosing 1-2-5 ticks; values ≤ 0 are clamped to the lower bound.
 *
 * @example
 * logScale(1.3, 240, 0, 600).ticks; // [1, 2, 5, 10, 20, 50, 100, 200, 500]
 */
export function logScale(min: number, max: number, from: number, to: number): Scale {
  const positiveMin = min > 0 ? min : Math.min(max > 0 ? max : 1, 1) / 10;
  const candidates: number[] = [];
  for (
    let e = Math.floor(Math.log10(positiveMin)) - 1;
    e <= Math.ceil(Math.log10(Math.max(max, positiveMin))) + 1;
    e++
  ) {
    for (const m of [1, 2, 5]) candidates.push(Number((m * 10 ** e).toPrecision(12)));
  }
  const lo = [...candidates].reverse().find((c) => c <= positiveMin) ?? positiveMin;
  const hi = candidates.find((c) => c >= max) ?? max;
  const ticks = candidates.filter((c) => c >= lo && c <= hi);
  const l0 = Math.log10(lo);
  const l1 = Math.log10(hi > lo ? hi : lo * 10);
  return { kind: 'log', ticks, map: (v) => from + ((Math.log10(Math.max(v, lo)) - l0) / (l1 - l0)) * (to - from) };
}

/** Log when the data spans more than a factor of 8 (cold vs warm), linear otherwise (easier to read). */
export function autoScale(min: number, max: number, from: number, to: number): Scale {
  return min > 0 && max / min > 8 ? logScale(min, max, from, to) : linearScale(Math.min(0, min), max, from, to);
}

/** Tick labels: no trailing zeros, k for thousands. */
export function tickLabel(value: number): string {
  if (Math.abs(value) >= 10_000) return `${Number((value / 1000).toPrecision(3))}k`;
  return Number(value.toPrecision(3)).toString();
}
