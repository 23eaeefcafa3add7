import { formatInterval, formatRatio, formatValue } from './report/format';
import type { BenchResults } from './schema';
import { type RatioEstimate, ratioVerdict, type Summary } from './stats';

type Align = 'left' | 'right';

/**
 * Lays out rows as a plain-text table with a header rule; numbers right-aligned. No colours or box
 * characters, so it reads the same in a terminal, a CI log and a pasted issue comment.
 */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (align[i] === 'right' ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const v = (s: Summary | null | undefined, stat: 'p50' | 'p90' | 'p99' | 'max'): string =>
  s ? formatValue(s[stat]) : '-';
// A positive quantity's log-scale interval, as the report shows it (never below 0).
const meanCi = (s: Summary | null | undefined): string =>
  s ? `${formatValue(s.mean)} [${formatInterval(s.ci95Log ?? s.ci95)}]` : '-';
const ratio = (r: RatioEstimate | null): string =>
  r
    ? `${formatRatio(r.estimate)} [${formatInterval(r.ci95)}]${ratioVerdict(r) === 'not significant' ? ' not significant' : ''}`
    : '-';

/**
 * The run's summary as text: per function and phase the client latency and server Duration percentiles,
 * then the cold/warm and naive/reuse ratios. Uses the report's number formatting.
 *
 * @example
 * console.log(formatSummaryTable(results));
 */
export function formatSummaryTable(results: BenchResults): string {
  const rows: string[][] = [];
  for (const fn of results.functions) {
    for (const [phase, s] of Object.entries(fn.summaries)) {
      if (!s) continue;
      rows.push([
        fn.name,
        phase,
        String(s.clientMs?.n ?? s.durationMs?.n ?? 0),
        v(s.clientMs, 'p50'),
        v(s.clientMs, 'p90'),
        v(s.clientMs, 'p99'),
        v(s.clientMs, 'max'),
        meanCi(s.clientMs),
        v(s.durationMs, 'p50'),
        v(s.durationMs, 'p99'),
        v(s.initDurationMs, 'p50'),
      ]);
    }
  }
  const latency = textTable(
    ['function', 'phase', 'n', 'client p50', 'p90', 'p99', 'max', 'mean [95% CI]', 'Duration p50', 'p99', 'Init p50'],
    rows,
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const ratios = textTable(
    ['ratio', 'client [95% CI]', 'Duration [95% CI]'],
    [
      ...results.functions.map((f) => [
        `${f.name} cold/warm`,
        ratio(f.coldOverWarm.clientMs),
        ratio(f.coldOverWarm.durationMs),
      ]),
      ...results.comparisons.map((c) => [
        `${c.id} naive/reuse`,
        ratio(c.naiveOverReuse.clientMs),
        ratio(c.naiveOverReuse.durationMs),
      ]),
    ],
    ['left', 'right', 'right'],
  );
  const s = results.settings;
  return [
    `Latency in ms (${results.target}; N=${s.coldStarts}, M=${s.warmInvocations}, C=${s.concurrency}; ${s.warmupsDiscarded} warm-up invocation(s) per scenario discarded)`,
    latency,
    '',
    ratios,
  ].join('\n');
}

/**
 * Writes {@link formatSummaryTable} to a stream (stdout by default).
 *
 * @example
 * printSummaryTable(results);
 */
export function printSummaryTable(results: BenchResults, stream: NodeJS.WritableStream = process.stdout): void {
  stream.write(`${formatSummaryTable(results)}\n`);
}

/** The classic-vs-LMI cells as a plain-text table (`--models` runs), one row per model × function × concurrency. */
export function modelsTable(results: BenchResults): string {
  const cells = results.executionModels?.cells ?? [];
  const n = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '-' : x.toFixed(digits));
  return textTable(
    ['model', 'function', 'C', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', '429', 'err', 'envs', 'db conns', 'RSS MB'],
    cells.map((c) => [
      c.model,
      c.function,
      String(c.concurrency),
      n(c.throughputRps, 0),
      n(c.latencyMs?.p50, 2),
      n(c.latencyMs?.p95, 2),
      n(c.latencyMs?.p99, 2),
      String(c.throttled),
      String(c.errors),
      String(c.environmentsAlive ?? c.environmentsUsed),
      c.dbConnectionsUsed === null ? '-' : `${c.dbConnectionsUsed} (${c.dbConnectionsOpened} new)`,
      n(c.environmentsRssMb, 0),
    ]),
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}
