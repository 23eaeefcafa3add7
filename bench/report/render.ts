import {
  answeredValues,
  type BenchResults,
  EXECUTION_MODELS,
  type ExecutionModelCell,
  PHASES,
  type Sample,
  validateResults,
} from '../schema';
import { RATIO_METHOD, type RatioEstimate } from '../stats';
import { renderDistribution } from './charts/distribution';
import { renderExecutionsPerInstance } from './charts/executions-per-instance';
import { renderInstanceTimeline } from './charts/instance-timeline';
import { renderModelBars } from './charts/model-bars';
import { formatDuration, formatInterval, formatRatio, PHASE_LABELS, smokeRunNote } from './format';
import { escapeHtml } from './html';
import { metric } from './metric';
import { COMPARISON_COLORS, functionColor, MODEL_COLORS, PHASE_COLORS } from './palette';
import { REPORT_CSS } from './style';
import {
  burstTable,
  coldWarmRatioTable,
  comparisonTable,
  environmentCards,
  functionSummaryTable,
  initAndMemoryTable,
  ratioCaveat,
} from './tables';

export interface RenderOptions {
  /** Page title; defaults to the project's benchmark title. */
  readonly title?: string;
}

const defaults: Required<RenderOptions> = { title: 'Lambda execution-environment reuse: benchmark' };

const CHART_METRICS = [
  ['clientMs', 'Client latency'],
  ['durationMs', 'Server Duration (REPORT)'],
] as const;

/**
 * Renders a results object as one self-contained HTML page: inline CSS, charts as inline SVG drawn here,
 * tooltips from SVG `<title>` (no script at all), so it opens from disk with no network.
 * Every number shown carries `data-metric`/`data-value` (see metric.ts); every chart is an
 * `<svg data-chart=…>` with a stable id.
 *
 * @throws ResultsSchemaError when `results` does not validate, before any HTML is produced.
 * @example
 * const results = parseResults(readFileSync('bench/results/latest.json', 'utf8'));
 * writeFileSync('bench/results/report.html', renderReport(results));
 */
export function renderReport(results: BenchResults, options: RenderOptions = {}): string {
  validateResults(results);
  const { title } = { ...defaults, ...options };
  const names = results.functions.map((f) => f.name);
  const colorOf = (fn: string) => functionColor(names, fn);

  // A `--models` run measures only the execution models: the per-function sections would be empty.
  const perFunction = results.functions.length > 0;
  const body = [
    header(results, title),
    perFunction ? keyFigures(results) : '',
    executionModelsSection(results),
    perFunction ? coldWarmSection(results) : '',
    comparisonSection(results),
    burstSection(results),
    perFunction ? instanceSection(results, colorOf, names) : '',
    environmentSection(results),
    `<footer>Generated ${escapeHtml(results.generatedAt)} · results schema v${results.schemaVersion} · drawn without scripts or network access.</footer>`,
  ].join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main data-schema-version="${results.schemaVersion}" data-target="${escapeHtml(results.target)}">
${body}
</main>
</body>
</html>
`;
}

function header(results: BenchResults, title: string): string {
  const s = results.settings;
  const notes =
    (s.smokeRun ? `<p class="callout warn" id="smoke-run">${escapeHtml(smokeRunNote(s))}</p>` : '') +
    (results.notes ?? []).map((n) => `<p class="callout warn" data-note>${escapeHtml(n)}</p>`).join('');
  return `<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta"><span class="badge ${results.target === 'aws' ? 'aws' : ''}" id="target">${escapeHtml(results.target === 'aws' ? 'AWS' : 'Local stack')}</span>
 &nbsp;${escapeHtml(new Date(results.startedAtMs).toISOString().replace('T', ' ').slice(0, 16))} UTC · run took ${escapeHtml(formatDuration(results.finishedAtMs - results.startedAtMs))}
 · ${results.functions.length} functions · N=${s.coldStarts} cold starts, M=${s.warmInvocations} warm invocations, C=${s.concurrency}</p>
${notes}
<p class="callout" id="warmup-note">Warm-up: ${metric('settings.warmupsDiscarded', s.warmupsDiscarded, String)} invocation(s) before each measured scenario were discarded and are in none of these numbers. Statistics count answered requests (2xx) only; errors and throttles are listed with the bursts.</p>
</header>`;
}

function figure(key: string, what: string, r: RatioEstimate | null, explain: string): string {
  if (!r) return '';
  return `<div class="figure" data-figure="${escapeHtml(key)}"><div class="what">${escapeHtml(what)}</div>
<div class="big">${metric(`${key}.estimate`, r.estimate, formatRatio)}</div>
<div class="ci">${escapeHtml(explain)}; 95% CI ${escapeHtml(r.ci95 ? formatInterval(r.ci95) : 'n/a')}${ratioCaveat(r)}</div></div>`;
}

function keyFigures(results: BenchResults): string {
  const cards = [
    ...results.comparisons.map((c) =>
      figure(
        `compare.${c.id}.naiveOverReuse.durationMs`,
        `${c.id}: naive ÷ reuse, server Duration`,
        c.naiveOverReuse.durationMs,
        `${c.naiveFunction} vs ${c.reuseFunction}, ${c.phase}`,
      ),
    ),
    ...results.functions.map((f) =>
      figure(
        `${f.name}.coldOverWarm.clientMs`,
        `${f.name}: cold ÷ warm, client latency`,
        f.coldOverWarm.clientMs,
        'mean ratio',
      ),
    ),
  ].join('');
  return `<section id="key-figures"><h2>Key figures</h2>
<p class="lead">Ratios of mean latency. Above 1× means the first is slower; the interval is the 95% confidence interval of the ratio.</p>
<div class="figures">${cards}</div></section>`;
}

const legend = `<ul class="legend">
${PHASES.map((p) => `<li><i style="background:${PHASE_COLORS[p]}"></i>${escapeHtml(PHASE_LABELS[p])}</li>`).join('')}
<li><span class="shape">▭</span>box p25–p75</li><li><span class="shape">┃</span>median</li><li><span class="shape">◇</span>mean</li>
<li><span class="shape">—</span>whisker min–max</li><li><span class="shape">·</span>one dot per sample</li></ul>`;

function coldWarmSection(results: BenchResults): string {
  const articles = results.functions.map((fn) => {
    const charts = CHART_METRICS.map(([m, label]) => {
      const rows = PHASES.filter((p) => fn.samples.some((s) => s.phase === p)).map((p) => ({
        label: PHASE_LABELS[p],
        color: PHASE_COLORS[p],
        values: answeredValues(fn.samples, p, m),
      }));
      return `<figure><figcaption>${escapeHtml(label)}</figcaption>${renderDistribution({
        id: `chart-latency-${fn.name}-${m}`,
        title: `${fn.name}: ${label} by phase`,
        unit: 'ms',
        rows,
      })}</figure>`;
    }).join('');
    return `<article class="card" id="function-${escapeHtml(fn.name)}" data-function="${escapeHtml(fn.name)}">
<h3>${escapeHtml(fn.name)} <small>${fn.memoryMb} MB · ${fn.samples.length} samples</small></h3>
<div class="charts">${charts}</div>
${functionSummaryTable(fn)}
</article>`;
  });
  return `<section id="cold-warm"><h2>Cold vs warm, per function</h2>
<p class="lead">Cold starts were forced by changing an environment variable (UpdateFunctionConfiguration) and waiting for the update to finish. Client latency is what the caller waited; Duration is the handler time from the REPORT line and excludes Init Duration.</p>
${legend}
${articles.join('\n')}
<div class="card"><h3>Cold ÷ warm</h3>${coldWarmRatioTable(results)}</div>
<div class="card"><h3>Init Duration and memory <small>Init Duration is the INIT phase a cold start adds before the handler runs</small></h3>${initAndMemoryTable(results)}</div>
</section>`;
}

function comparisonSection(results: BenchResults): string {
  if (results.comparisons.length === 0) return '';
  const byName = new Map(results.functions.map((f) => [f.name, f]));
  const articles = results.comparisons.map((c) => {
    const reuse = byName.get(c.reuseFunction);
    const naive = byName.get(c.naiveFunction);
    const charts = CHART_METRICS.map(([m, label]) => {
      const rows = [
        {
          label: `reuse (${c.reuseFunction})`,
          color: COMPARISON_COLORS.reuse,
          values: reuse ? answeredValues(reuse.samples, c.phase, m) : [],
        },
        {
          label: `naive (${c.naiveFunction})`,
          color: COMPARISON_COLORS.naive,
          values: naive ? answeredValues(naive.samples, c.phase, m) : [],
        },
      ];
      return `<figure><figcaption>${escapeHtml(label)}, ${escapeHtml(PHASE_LABELS[c.phase])}</figcaption>${renderDistribution(
        {
          id: `chart-compare-${c.id}-${m}`,
          title: `${c.id}: naive vs reuse, ${label}`,
          unit: 'ms',
          rows,
          width: 540,
        },
      )}</figure>`;
    }).join('');
    return `<article class="card" id="compare-${escapeHtml(c.id)}" data-comparison="${escapeHtml(c.id)}"><h3>${escapeHtml(c.id)} <small>${escapeHtml(c.reuseFunction)} vs ${escapeHtml(c.naiveFunction)}</small></h3><div class="charts">${charts}</div></article>`;
  });
  return `<section id="naive-reuse"><h2>Naive vs reuse</h2>
<p class="lead">The reuse functions keep SSM values and a database pool at module scope across warm invocations; their naive twins fetch or connect on every call. Both measured warm and sequential.</p>
<ul class="legend"><li><i style="background:${COMPARISON_COLORS.reuse}"></i>reuse</li><li><i style="background:${COMPARISON_COLORS.naive}"></i>naive</li></ul>
${articles.join('\n')}
<div class="card"><h3>Naive ÷ reuse</h3>${comparisonTable(results)}</div>
</section>`;
}

const MODEL_LABELS = { classic: 'classic', 'managed-instances': 'Managed Instances' } as const;

/** Per function: throughput and p95 latency by concurrency, classic and LMI side by side, and the table of every cell. */
function executionModelsSection(results: BenchResults): string {
  const m = results.executionModels;
  if (!m) return '';
  const series = EXECUTION_MODELS.map((name) => ({ name, color: MODEL_COLORS[name] }));
  const groups = m.concurrencies.map(String);
  const key = (c: ExecutionModelCell) => `models.${c.model}.${c.function}.c${c.concurrency}`;
  const cellsOf = (fn: string) => m.cells.filter((c) => c.function === fn);
  const articles = m.functions.map((fn) => {
    const cells = cellsOf(fn);
    const chart = (what: string, unit: string, value: (c: ExecutionModelCell) => number | null) =>
      `<figure><figcaption>${escapeHtml(what)}</figcaption>${renderModelBars({
        id: `chart-models-${fn}-${what.split(' ')[0]?.toLowerCase()}`,
        title: `${fn}: ${what} by concurrency, classic vs Managed Instances`,
        unit,
        groups,
        series,
        bars: cells.map((c) => ({ group: String(c.concurrency), series: c.model, value: value(c) })),
      })}</figure>`;
    const n = (k: string, v: number | null) => (v === null ? '–' : metric(k, v));
    const rows = cells
      .map(
        (c) => `<tr data-model="${escapeHtml(c.model)}" data-concurrency="${c.concurrency}">
<td>${escapeHtml(MODEL_LABELS[c.model])}</td><td class="num">${c.concurrency}</td>
<td class="num">${metric(`${key(c)}.throughputRps`, c.throughputRps)}</td>
<td class="num">${n(`${key(c)}.latencyMs.p50`, c.latencyMs?.p50 ?? null)}</td>
<td class="num">${n(`${key(c)}.latencyMs.p95`, c.latencyMs?.p95 ?? null)}</td>
<td class="num">${n(`${key(c)}.latencyMs.p99`, c.latencyMs?.p99 ?? null)}</td>
<td class="num">${metric(`${key(c)}.answered`, c.answered, String)} / ${metric(`${key(c)}.throttled`, c.throttled, String)} / ${metric(`${key(c)}.errors`, c.errors, String)}</td>
<td class="num">${metric(`${key(c)}.environmentsUsed`, c.environmentsUsed, String)}${c.environmentsAlive === null ? '' : ` (${metric(`${key(c)}.environmentsAlive`, c.environmentsAlive, String)} alive)`}</td>
<td class="num">${c.dbConnectionsUsed === null ? '–' : `${metric(`${key(c)}.dbConnectionsUsed`, c.dbConnectionsUsed, String)} (${metric(`${key(c)}.dbConnectionsOpened`, c.dbConnectionsOpened ?? 0, String)} new)`}</td>
<td class="num">${n(`${key(c)}.environmentsRssMb`, c.environmentsRssMb)}</td></tr>`,
      )
      .join('');
    return `<article class="card" id="models-${escapeHtml(fn)}" data-models-function="${escapeHtml(fn)}">
<h3>${escapeHtml(fn)}</h3>
<div class="charts">${chart('Throughput (answered req/s)', 'req/s', (c) => c.throughputRps)}${chart('p95 client latency', 'ms', (c) => c.latencyMs?.p95 ?? null)}</div>
<table class="models"><thead><tr><th>model</th><th>C</th><th>req/s</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>2xx / 429 / errors</th><th>environments</th><th>DB connections</th><th>RSS MB</th></tr></thead><tbody>${rows}</tbody></table>
</article>`;
  });
  return `<section id="execution-models"><h2>Classic vs Managed Instances</h2>
<p class="lead">The same handlers deployed classic (one invocation per environment at a time) and on Lambda Managed Instances (one environment runs many at once), each driven in a closed loop through the HTTP API for ${escapeHtml(m.secondsPerCell)} s per cell (at most ${escapeHtml(m.maxRequestsPerCell)} requests) after a warm-up of C requests. Environments: distinct instance ids that answered (and those the runtime lists alive). DB connections: distinct PostgreSQL backends that served the cell, and how many of them were new. RSS: all of the function's environment processes.</p>
<ul class="legend">${series.map((s) => `<li><i style="background:${s.color}"></i>${escapeHtml(MODEL_LABELS[s.name])}</li>`).join('')}</ul>
${articles.join('\n')}
</section>`;
}

function burstSection(results: BenchResults): string {
  if (results.bursts.length === 0) return '';
  return `<section id="bursts"><h2>Burst from zero</h2>
<p class="lead">C requests sent at once to a function with no warm environment: each concurrent request needs its own environment, so callers see cold starts.</p>
<div class="card">${burstTable(results)}</div></section>`;
}

function instanceSection(results: BenchResults, colorOf: (fn: string) => string, names: readonly string[]): string {
  const byInstance = new Map<string, Sample[]>();
  for (const fn of results.functions) {
    for (const s of fn.samples) {
      if (s.instanceId === null) continue;
      const list = byInstance.get(s.instanceId) ?? [];
      list.push(s);
      byInstance.set(s.instanceId, list);
    }
  }
  const fnLegend = `<ul class="legend">${names
    .filter((n) => results.instances.some((i) => i.function === n))
    .map((n) => `<li><i style="background:${colorOf(n)}"></i>${escapeHtml(n)}</li>`)
    .join('')}</ul>`;
  return `<section id="instances"><h2>Execution environments</h2>
<p class="lead">${metric('instances.count', results.instances.length, String)} environments served
${metric(
  'instances.invocations',
  results.instances.reduce((s, i) => s + i.invocations, 0),
  String,
)} invocations (warm-ups included: they ran on these environments).</p>
<div class="card"><h3>Invocations per environment</h3>${fnLegend}
<figure>${renderExecutionsPerInstance(results.instances, colorOf, names)}</figure></div>
<div class="card"><h3>Timeline <small>bar = environment lifetime (faded: still alive at the end), white ticks = measured invocations</small></h3>
<figure>${renderInstanceTimeline(results.instances, results.startedAtMs, results.finishedAtMs, byInstance, colorOf, names)}</figure></div>
</section>`;
}

function environmentSection(results: BenchResults): string {
  return `<section id="environment"><h2>Machine, versions and method</h2>
${environmentCards(results)}
<div class="card methods"><h3>Method</h3><ul>
<li>Percentiles: Hyndman–Fan type 7 (linear interpolation between order statistics; R and NumPy default).</li>
<li>Mean [95% confidence interval]: for positive quantities (latency, memory) on the log scale, m·exp(±t·s/(m√n)) with Student t on n−1 degrees of freedom (the delta method on ln m), so an interval is never below 0 and is wider above the mean than below; the symmetric Student t interval stays in the JSON as <code>ci95</code>.</li>
<li>Ratios: mean ÷ mean of two independent samples; interval by the delta method on the log ratio with Welch–Satterthwaite degrees of freedom (<code>${escapeHtml(RATIO_METHOD)}</code>). A ratio whose interval contains 1 is labelled <em>not significant</em>: the run cannot tell the two means apart.</li>
<li>Duration, Init Duration and Max Memory Used come from each invocation's REPORT line (Invoke with LogType Tail); client latency is measured by the benchmark around the request.</li>
</ul></div></section>`;
}
