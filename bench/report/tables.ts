import { type BenchResults, type FunctionResult, type LatencyRatios, type Metric, PHASES } from '../schema';
import { type RatioEstimate, ratioVerdict, type Summary } from '../stats';
import { formatBytes, formatRatio, METRIC_LABELS, PHASE_LABELS } from './format';
import { el, escapeHtml } from './html';
import { metric } from './metric';
import { PHASE_COLORS } from './palette';

const STATS = ['p50', 'p90', 'p99', 'max'] as const;

/**
 * mean and its interval as `12.3 [11.5–13.1]`, each number tagged. A positive quantity shows its
 * log-scale interval (`ci95Log`, never below 0; see bench/stats positiveMeanInterval95); only a
 * sample with a value ≤ 0, or a results file older than that field, falls back to the symmetric one.
 */
function meanCell(key: string, s: Summary): string {
  const [field, interval] = s.ci95Log ? (['ci95Log', s.ci95Log] as const) : (['ci95', s.ci95] as const);
  const ci = interval
    ? ` <span class="ci" data-interval="${field}">[${metric(`${key}.${field}.lo`, interval[0])}–${metric(`${key}.${field}.hi`, interval[1])}]</span>`
    : ' <span class="ci">[n/a]</span>';
  return `${metric(`${key}.mean`, s.mean)}${ci}`;
}

/** The label a ratio carries when its interval contains 1 or is missing: the data cannot call it a finding. */
export function ratioCaveat(r: RatioEstimate): string {
  const verdict = ratioVerdict(r);
  if (verdict === 'not significant')
    return ' <span class="ns" data-significance="not-significant" title="the 95% interval contains 1">not significant</span>';
  if (verdict === 'no interval')
    return ' <span class="ns" data-significance="no-interval" title="a side has fewer than 2 values">no interval</span>';
  return '';
}

/**
 * Summary table of one function: a row per phase and latency metric, columns n, p50, p90, p99, max,
 * mean [95% CI]. Init Duration and memory go in {@link initAndMemoryTable}, across functions, where they compare.
 */
export function functionSummaryTable(
  fn: FunctionResult,
  metrics: readonly Metric[] = ['clientMs', 'durationMs'],
): string {
  const rows: string[] = [];
  for (const phase of PHASES) {
    const summaries = fn.summaries[phase];
    if (!summaries) continue;
    let first = true;
    for (const m of metrics) {
      const s = summaries[m];
      if (!s) continue;
      const key = `${fn.name}.${phase}.${m}`;
      rows.push(
        el(
          'tr',
          { class: first ? 'group-start' : undefined, 'data-row': key },
          el(
            'td',
            {},
            first
              ? `<span class="phase" style="background:${PHASE_COLORS[phase]}"></span>${escapeHtml(PHASE_LABELS[phase])}`
              : '',
          ),
          el('td', { class: 'text' }, escapeHtml(METRIC_LABELS[m])),
          el('td', {}, metric(`${key}.n`, s.n, String)),
          ...STATS.map((stat) => el('td', {}, metric(`${key}.${stat}`, s[stat]))),
          el('td', {}, meanCell(key, s)),
        ),
      );
      first = false;
    }
  }
  return tableWrap(
    'table',
    { 'data-table': `summary-${fn.name}` },
    '<thead><tr><th>Phase</th><th class="text">Metric</th><th>n</th><th>p50</th><th>p90</th><th>p99</th><th>max</th><th>mean [95% CI]</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
  );
}

/** Init Duration (the cold-start cost) and Max Memory Used for every function and phase that has them. */
export function initAndMemoryTable(results: BenchResults): string {
  const rows: string[] = [];
  for (const fn of results.functions) {
    let first = true;
    for (const phase of PHASES) {
      const init = fn.summaries[phase]?.initDurationMs ?? null;
      const memory = fn.summaries[phase]?.maxMemoryUsedMb ?? null;
      if (!init && !memory) continue;
      const initKey = `${fn.name}.${phase}.initDurationMs`;
      const memoryKey = `${fn.name}.${phase}.maxMemoryUsedMb`;
      const initCells = init
        ? [
            el('td', {}, metric(`${initKey}.n`, init.n, String)),
            ...STATS.map((stat) => el('td', {}, metric(`${initKey}.${stat}`, init[stat]))),
            el('td', {}, meanCell(initKey, init)),
          ].join('')
        : '<td class="muted center" colspan="6">no INIT: environment already warm</td>';
      const memoryCells = memory
        ? el('td', {}, metric(`${memoryKey}.p50`, memory.p50)) + el('td', {}, metric(`${memoryKey}.max`, memory.max))
        : '<td class="muted" colspan="2">n/a</td>';
      rows.push(
        el(
          'tr',
          { class: first ? 'group-start' : undefined },
          el('td', {}, first ? `<strong>${escapeHtml(fn.name)}</strong>` : ''),
          el(
            'td',
            { class: 'text' },
            `<span class="phase" style="background:${PHASE_COLORS[phase]}"></span>${escapeHtml(PHASE_LABELS[phase])}`,
          ),
          initCells,
          memoryCells,
        ),
      );
      first = false;
    }
  }
  return tableWrap(
    'table',
    { 'data-table': 'init-and-memory' },
    '<thead><tr><th>Function</th><th class="text">Phase</th><th>Init n</th><th>Init p50 ms</th><th>p90</th><th>p99</th><th>max</th><th>mean [95% CI]</th>' +
      '<th>Max Memory p50 MB</th><th>max</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
  );
}

function ratioCell(key: string, ratios: LatencyRatios, which: 'clientMs' | 'durationMs'): string {
  const r = ratios[which];
  if (!r) return '<span class="muted">not measured</span>';
  const ci = r.ci95
    ? `<span class="ci">[${metric(`${key}.${which}.lo`, r.ci95[0], formatRatio)}–${metric(`${key}.${which}.hi`, r.ci95[1], formatRatio)}]</span>`
    : '<span class="ci">[n/a]</span>';
  return `${metric(`${key}.${which}.estimate`, r.estimate, formatRatio)} ${ci}${ratioCaveat(r)}`;
}

/** Cold ÷ warm mean latency per function, client and server side. */
export function coldWarmRatioTable(results: BenchResults): string {
  const rows = results.functions.map((fn) =>
    el(
      'tr',
      {},
      el('td', {}, escapeHtml(fn.name)),
      el('td', {}, ratioCell(`${fn.name}.coldOverWarm`, fn.coldOverWarm, 'clientMs')),
      el('td', {}, ratioCell(`${fn.name}.coldOverWarm`, fn.coldOverWarm, 'durationMs')),
    ),
  );
  return tableWrap(
    'table',
    { 'data-table': 'cold-over-warm' },
    '<thead><tr><th>Function</th><th>Client latency, cold ÷ warm [95% CI]</th><th>Server Duration, cold ÷ warm [95% CI]</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
  );
}

/** Naive ÷ reuse per comparison, with both sides' medians for scale. */
export function comparisonTable(results: BenchResults): string {
  const p50 = (name: string, phase: string, m: 'clientMs' | 'durationMs') =>
    results.functions.find((f) => f.name === name)?.summaries[phase as keyof FunctionResult['summaries']]?.[m]?.p50;
  const rows = results.comparisons.map((c) => {
    const medians = (['clientMs', 'durationMs'] as const)
      .map((m) => {
        const reuse = p50(c.reuseFunction, c.phase, m);
        const naive = p50(c.naiveFunction, c.phase, m);
        return el(
          'td',
          {},
          reuse === undefined || naive === undefined
            ? '<span class="muted">n/a</span>'
            : `${metric(`${c.reuseFunction}.${c.phase}.${m}.p50`, reuse)} / ${metric(`${c.naiveFunction}.${c.phase}.${m}.p50`, naive)}`,
        );
      })
      .join('');
    return el(
      'tr',
      {},
      el('td', {}, `<strong>${escapeHtml(c.id)}</strong>`),
      el('td', { class: 'text' }, `${escapeHtml(c.naiveFunction)} ÷ ${escapeHtml(c.reuseFunction)}`),
      el('td', {}, ratioCell(`compare.${c.id}.naiveOverReuse`, c.naiveOverReuse, 'clientMs')),
      el('td', {}, ratioCell(`compare.${c.id}.naiveOverReuse`, c.naiveOverReuse, 'durationMs')),
      medians,
    );
  });
  return tableWrap(
    'table',
    { 'data-table': 'naive-over-reuse' },
    '<thead><tr><th>Reused</th><th class="text">Functions</th><th>Client, naive ÷ reuse</th><th>Duration, naive ÷ reuse</th>' +
      '<th>Client p50 ms (reuse / naive)</th><th>Duration p50 ms (reuse / naive)</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
  );
}

/** One row per burst: how many environments the burst created and how many callers saw a cold start. */
export function burstTable(results: BenchResults): string {
  const rows = results.bursts.map((b) => {
    const key = `burst.${b.function}`;
    const count = (
      field:
        | 'concurrency'
        | 'requests'
        | 'environmentsBefore'
        | 'environmentsCreated'
        | 'coldStartsSeen'
        | 'throttled'
        | 'errors',
    ) => el('td', {}, metric(`${key}.${field}`, b[field], String));
    const latency = b.clientMs
      ? (['p50', 'p99', 'max'] as const)
          .map((s) => el('td', {}, metric(`${key}.clientMs.${s}`, (b.clientMs as Summary)[s])))
          .join('')
      : '<td class="muted" colspan="3">not measured</td>';
    return el(
      'tr',
      {},
      el('td', {}, escapeHtml(b.function)),
      count('concurrency'),
      count('requests'),
      count('environmentsBefore'),
      count('environmentsCreated'),
      count('coldStartsSeen'),
      count('throttled'),
      count('errors'),
      latency,
    );
  });
  return tableWrap(
    'table',
    { 'data-table': 'bursts' },
    '<thead><tr><th>Function</th><th>Concurrency</th><th>Requests</th><th>Envs before</th><th>Envs created</th><th>Cold starts seen</th>' +
      '<th>Throttled</th><th>Errors</th><th>Client p50 ms</th><th>p99</th><th>max</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
  );
}

/** Wide tables scroll inside their card instead of overflowing it. */
function tableWrap(tag: string, attrs: Record<string, string>, ...children: string[]): string {
  return `<div class="table-wrap">${el(tag, attrs, ...children)}</div>`;
}

function facts(entries: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">${entries.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/** Machine, versions and settings side by side: the context every number needs. */
export function environmentCards(results: BenchResults): string {
  const { machine: m, versions: v, settings: s } = results;
  const machine = facts([
    ['CPU', escapeHtml(m.cpuModel)],
    ['Cores', metric('machine.cores', m.cores, String)],
    ['Memory', escapeHtml(formatBytes(m.memoryBytes))],
    ['OS', escapeHtml(`${m.os} (${m.arch})`)],
    ['Node.js (bench)', escapeHtml(m.nodeVersion)],
  ]);
  const versions = facts([
    ['Project', escapeHtml(v.project)],
    ['Runtime', escapeHtml(v.runtime)],
    ['Node.js (functions)', escapeHtml(v.node)],
    ['AWS SDK', escapeHtml(v.sdk)],
  ]);
  const settings = facts([
    ['Cold starts (N)', metric('settings.coldStarts', s.coldStarts, String)],
    ['Warm invocations (M)', metric('settings.warmInvocations', s.warmInvocations, String)],
    ['Concurrency (C)', metric('settings.concurrency', s.concurrency, String)],
    ['Warm-ups discarded', metric('settings.warmupsDiscarded', s.warmupsDiscarded, String)],
    ['Target', escapeHtml(results.target)],
  ]);
  return `<div class="columns"><div class="card"><h3>Machine</h3>${machine}</div><div class="card"><h3>Versions</h3>${versions}</div><div class="card"><h3>Settings</h3>${settings}</div></div>`;
}
