import { el, escapeHtml } from '../html';

/** What every chart's `<svg>` carries: the same frame, so tests and styles find each chart the same way. */
export interface ChartFrame {
  /** The svg's id (stable, for tests and links). */
  readonly id: string;
  /** `data-chart`: which kind of chart this is. */
  readonly kind: string;
  /** The accessible name (`aria-label`) and the `<title>` tooltip. */
  readonly title: string;
  readonly width: number;
  /** Pixels as drawn: a number, or a string from `px()` when the height is computed. */
  readonly height: number | string;
  /** Further `data-*` attributes of the chart, e.g. `{ 'data-scale': 'log' }`. */
  readonly data?: Readonly<Record<string, string>>;
}

/**
 * A chart's `<svg>`: id, `class="chart"`, `data-chart`, the viewBox from its size, `role="img"` with its
 * title as `aria-label` and as the first child `<title>`, then `children` (trusted markup).
 *
 * @example
 * chartSvg({ id: 'chart-x', kind: 'model-bars', title: 'hello: throughput', width: 520, height: 240 }, grid, bars);
 */
export function chartSvg(frame: ChartFrame, ...children: string[]): string {
  return el(
    'svg',
    {
      id: frame.id,
      class: 'chart',
      'data-chart': frame.kind,
      ...frame.data,
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${frame.width} ${frame.height}`,
      width: frame.width,
      height: frame.height,
      role: 'img',
      'aria-label': frame.title,
    },
    `<title>${escapeHtml(frame.title)}</title>`,
    ...children,
  );
}
