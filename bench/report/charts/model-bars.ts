import { el, escapeHtml, px } from '../html';
import { chartSvg } from './frame';
import { linearScale, tickLabel } from './scale';

/** One bar: its group (a concurrency), its series (a model) and its value; null draws no bar. */
export interface ModelBar {
  readonly group: string;
  readonly series: string;
  readonly value: number | null;
}

export interface ModelBarsChart {
  /** The svg's id (stable, for tests and links). */
  readonly id: string;
  readonly title: string;
  /** Axis title, e.g. `req/s`. */
  readonly unit: string;
  /** Groups left to right, series within a group left to right, each series its colour. */
  readonly groups: readonly string[];
  readonly series: readonly { readonly name: string; readonly color: string }[];
  readonly bars: readonly ModelBar[];
}

const defaults = { width: 520, height: 240, left: 56, right: 12, top: 14, bottom: 40 } as const;

/**
 * Grouped bars: one group per concurrency, one bar per execution model in each, so classic and LMI stand
 * side by side at the same load. Each bar carries `data-series`, `data-group` and `data-value`, and a
 * `<title>` tooltip with its number.
 *
 * @example
 * renderModelBars({ id: 'chart-models-hello-rps', title: 'hello: throughput', unit: 'req/s', groups: ['1', '10'],
 *   series: [{ name: 'classic', color: '#0072B2' }], bars: [{ group: '1', series: 'classic', value: 812 }] });
 */
export function renderModelBars(chart: ModelBarsChart): string {
  const { width, height, left, right, top, bottom } = defaults;
  const base = height - bottom;
  const values = chart.bars.flatMap((b) => (b.value === null ? [] : [b.value]));
  const y = linearScale(0, Math.max(1e-9, ...values), base, top);
  const slot = (width - left - right) / Math.max(1, chart.groups.length);
  const barWidth = Math.min(36, (slot * 0.8) / Math.max(1, chart.series.length));

  const grid = y.ticks
    .map(
      (t) =>
        `<line class="grid" x1="${left}" x2="${width - right}" y1="${px(y.map(t))}" y2="${px(y.map(t))}"/>` +
        `<text class="tick" x="${left - 6}" y="${px(y.map(t) + 4)}" text-anchor="end">${escapeHtml(tickLabel(t))}</text>`,
    )
    .join('');
  const bars = chart.groups
    .map((group, g) => {
      const x0 = left + g * slot + (slot - barWidth * chart.series.length) / 2;
      const inGroup = chart.series
        .map((s, i) => {
          const bar = chart.bars.find((b) => b.group === group && b.series === s.name);
          if (!bar || bar.value === null) return '';
          const top0 = y.map(bar.value);
          return el(
            'rect',
            {
              class: 'bar',
              x: px(x0 + i * barWidth),
              y: px(top0),
              width: px(barWidth - 2),
              height: px(Math.max(0, base - top0)),
              fill: s.color,
              'data-series': s.name,
              'data-group': group,
              'data-value': bar.value,
            },
            `<title>${escapeHtml(`${s.name}, concurrency ${group}: ${tickLabel(Number(bar.value.toPrecision(4)))} ${chart.unit}`)}</title>`,
          );
        })
        .join('');
      return `${inGroup}<text class="tick" x="${px(left + (g + 0.5) * slot)}" y="${base + 16}" text-anchor="middle">C=${escapeHtml(group)}</text>`;
    })
    .join('');
  return chartSvg(
    { id: chart.id, kind: 'model-bars', title: chart.title, width, height },
    grid,
    `<line class="axis" x1="${left}" x2="${width - right}" y1="${base}" y2="${base}"/>`,
    bars,
    `<text class="axis-title" transform="translate(14 ${px((top + base) / 2)}) rotate(-90)" text-anchor="middle">${escapeHtml(chart.unit)}</text>`,
  );
}
