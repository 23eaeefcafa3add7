import { percentileOfSorted } from '../../stats';
import { formatValue } from '../format';
import { el, escapeHtml, px } from '../html';
import { chartSvg } from './frame';
import { autoScale, tickLabel } from './scale';

export interface DistributionRow {
  /** Row label, e.g. `cold`. Also the row's `data-row`. */
  readonly label: string;
  readonly color: string;
  readonly values: readonly number[];
}

export interface DistributionChart {
  readonly id: string;
  /** Accessible name of the SVG. */
  readonly title: string;
  readonly unit: string;
  readonly rows: readonly DistributionRow[];
  readonly width?: number;
}

const defaults = {
  width: 540,
  rowHeight: 44,
  labelWidth: 118,
  right: 18,
  top: 10,
  axisHeight: 40,
  maxDots: 400,
} as const;

/**
 * A horizontal box-and-strip chart: per row the samples as dots, a box from p25 to p75, the median as a
 * bar, the mean as a diamond and a whisker from min to max. Box plots alone hide bimodal data (a few slow
 * cold samples among warm ones); the dots show it.
 *
 * @example
 * renderDistribution({ id: 'chart-hello-client', title: 'hello client latency', unit: 'ms',
 *   rows: [{ label: 'cold', color: '#D55E00', values: [120, 131] }, { label: 'warm', color: '#0072B2', values: [3, 4] }] });
 */
export function renderDistribution(chart: DistributionChart): string {
  const width = chart.width ?? defaults.width;
  const { rowHeight, right, top, axisHeight } = defaults;
  // Room for the longest row label at ~6.6 px per character of 12 px text, so labels are never clipped.
  const labelWidth = Math.min(
    220,
    Math.max(defaults.labelWidth, 18 + 6.6 * Math.max(0, ...chart.rows.map((r) => r.label.length))),
  );
  const height = top + chart.rows.length * rowHeight + axisHeight;
  const all = chart.rows.flatMap((r) => r.values);
  const x = autoScale(all.length ? Math.min(...all) : 0, all.length ? Math.max(...all) : 1, labelWidth, width - right);
  const plotBottom = top + chart.rows.length * rowHeight;

  const grid = x.ticks
    .map((t) => {
      const tx = px(x.map(t));
      return (
        `<line class="grid" x1="${tx}" x2="${tx}" y1="${top}" y2="${plotBottom}"/>` +
        `<text class="tick" x="${tx}" y="${plotBottom + 16}" text-anchor="middle">${escapeHtml(tickLabel(t))}</text>`
      );
    })
    .join('');
  const axisTitle = `<text class="axis-title" x="${px((labelWidth + width - right) / 2)}" y="${plotBottom + 34}" text-anchor="middle">${escapeHtml(
    `${chart.unit}${x.kind === 'log' ? ' (log scale)' : ''}`,
  )}</text>`;

  const rows = chart.rows
    .map((row, i) => renderRow(row, top + i * rowHeight, rowHeight, labelWidth, width - right, x.map, chart.unit))
    .join('');

  return chartSvg(
    { id: chart.id, kind: 'distribution', title: chart.title, width, height, data: { 'data-scale': x.kind } },
    grid,
    rows,
    axisTitle,
  );
}

function renderRow(
  row: DistributionRow,
  y0: number,
  rowHeight: number,
  left: number,
  right: number,
  map: (v: number) => number,
  unit: string,
): string {
  const cy = y0 + rowHeight / 2;
  const label = `<text class="row-label" x="${left - 10}" y="${px(cy + 4)}" text-anchor="end">${escapeHtml(row.label)}</text>`;
  if (row.values.length === 0) {
    return el(
      'g',
      { 'data-row': row.label, 'data-n': 0 },
      label,
      `<text class="empty" x="${left + 6}" y="${px(cy + 4)}">not measured</text>`,
    );
  }
  const sorted = [...row.values].sort((a, b) => a - b);
  const q = (p: number) => percentileOfSorted(sorted, p);
  const [min, q1, median, q3, p90, p99, max] = [
    sorted[0] as number,
    q(0.25),
    q(0.5),
    q(0.75),
    q(0.9),
    q(0.99),
    sorted[sorted.length - 1] as number,
  ];
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;

  // Evenly thinned, deterministic jitter (golden-ratio sequence): the same results always draw the same dots.
  const step = Math.max(1, Math.ceil(row.values.length / defaults.maxDots));
  const dots: string[] = [];
  for (let i = 0; i < row.values.length; i += step) {
    const jitter = (((i * 0.618033988749895) % 1) - 0.5) * (rowHeight * 0.55);
    dots.push(`<circle cx="${px(map(row.values[i] as number))}" cy="${px(cy + jitter)}" r="2.3"/>`);
  }

  const boxHeight = rowHeight * 0.42;
  const tooltip =
    `${row.label}: n=${sorted.length}\nmin ${formatValue(min)} · p50 ${formatValue(median)} · p90 ${formatValue(p90)} · ` +
    `p99 ${formatValue(p99)} · max ${formatValue(max)} ${unit}\nmean ${formatValue(mean)} ${unit}`;
  const mx = map(mean);
  return el(
    'g',
    { 'data-row': row.label, 'data-n': sorted.length, style: `--c:${row.color}` },
    `<title>${escapeHtml(tooltip)}</title>`,
    `<rect class="hit" x="${left}" y="${px(y0)}" width="${px(right - left)}" height="${rowHeight}"/>`,
    label,
    `<line class="whisker" x1="${px(map(min))}" x2="${px(map(max))}" y1="${px(cy)}" y2="${px(cy)}"/>`,
    `<g class="dots">${dots.join('')}</g>`,
    `<rect class="box" x="${px(map(q1))}" y="${px(cy - boxHeight / 2)}" width="${px(Math.max(1.5, map(q3) - map(q1)))}" height="${px(boxHeight)}" rx="2"/>`,
    `<line class="median" x1="${px(map(median))}" x2="${px(map(median))}" y1="${px(cy - boxHeight / 2 - 3)}" y2="${px(cy + boxHeight / 2 + 3)}"/>`,
    `<path class="mean" d="M${px(mx)} ${px(cy - 5)}l5 5l-5 5l-5 -5z"/>`,
  );
}
