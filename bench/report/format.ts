import type { Interval } from '../stats';

/**
 * How the report prints a measurement: three significant figures, at most two decimals.
 * The test compares the printed text with this function applied to the JSON, so keep it the one place.
 *
 * @example
 * formatValue(1234.567); // '1235'
 * formatValue(12.345); // '12.3'
 * formatValue(1.2345); // '1.23'
 */
export function formatValue(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** @example formatRatio(31.04); // '31.0×' */
export function formatRatio(value: number): string {
  return `${formatValue(value)}×`;
}

/** @example formatInterval([1.234, 5.678]); // '1.23–5.68' */
export function formatInterval(interval: Interval | null): string {
  return interval === null ? 'n/a' : `${formatValue(interval[0])}–${formatValue(interval[1])}`;
}

/** @example formatBytes(8 * 1024 ** 3); // '8.0 GiB' */
export function formatBytes(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return gib >= 1 ? `${gib.toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

/** @example formatDuration(83_500); // '1 min 24 s' */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export const METRIC_LABELS = {
  clientMs: 'Client latency (ms)',
  durationMs: 'Server Duration (ms)',
  initDurationMs: 'Init Duration (ms)',
  maxMemoryUsedMb: 'Max Memory Used (MB)',
} as const;

export const PHASE_LABELS = {
  cold: 'cold',
  warm: 'warm',
  'warm-concurrent': 'warm, concurrent',
  'warm-http': 'warm, through the HTTP API',
  burst: 'burst',
} as const;

/**
 * What a `--quick` run says about itself, in the terminal and at the top of the report.
 *
 * @example
 * smokeRunNote({ coldStarts: 2, warmInvocations: 5 }); // 'Smoke run (--quick): N=2 cold starts ...'
 */
export function smokeRunNote(settings: { readonly coldStarts: number; readonly warmInvocations: number }): string {
  return (
    `Smoke run (--quick): N=${settings.coldStarts} cold starts and M=${settings.warmInvocations} warm invocations ` +
    'per function check that everything runs; they are too few for findings. Run without --quick to measure.'
  );
}
