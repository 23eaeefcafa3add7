import type { Instance, Sample } from '../../schema';
import { el, escapeHtml, px } from '../html';
import { chartSvg } from './frame';
import { functionGroups, orderInstances } from './instance-order';
import { linearScale, tickLabel } from './scale';

const defaults = {
  width: 1040,
  left: 150,
  right: 46,
  top: 8,
  bottom: 40,
  maxRowHeight: 18,
  minRowHeight: 7,
  maxHeight: 900,
} as const;

/** Per instance, the start times of the samples it served (ticks on its bar). */
export type InvocationsByInstance = ReadonlyMap<string, readonly Sample[]>;

/**
 * A Gantt-style timeline: one row per execution environment from creation to end (or to the end of the
 * run, drawn open), with a tick for each measured invocation it served. It shows at a glance that cold
 * starts retire environments, that warm runs stay on one, and how a burst fans out.
 *
 * @example
 * renderInstanceTimeline(results.instances, results.startedAtMs, results.finishedAtMs, byInstance, colorOf, order);
 */
export function renderInstanceTimeline(
  instances: readonly Instance[],
  runStartMs: number,
  runEndMs: number,
  invocations: InvocationsByInstance,
  colorOf: (fn: string) => string,
  functionOrder: readonly string[],
): string {
  const { width, left, right, top, bottom } = defaults;
  const ordered = orderInstances(instances, functionOrder);
  const rowHeight = Math.max(
    defaults.minRowHeight,
    Math.min(defaults.maxRowHeight, (defaults.maxHeight - top - bottom) / Math.max(1, ordered.length)),
  );
  const plotBottom = top + ordered.length * rowHeight;
  const height = plotBottom + bottom;
  const spanS = Math.max(0.001, (runEndMs - runStartMs) / 1000);
  const x = linearScale(0, spanS, left, width - right, 8);
  const at = (ms: number) => x.map((ms - runStartMs) / 1000);

  const grid = x.ticks
    .map(
      (t) =>
        `<line class="grid" x1="${px(x.map(t))}" x2="${px(x.map(t))}" y1="${top}" y2="${plotBottom}"/>` +
        `<text class="tick" x="${px(x.map(t))}" y="${plotBottom + 16}" text-anchor="middle">${escapeHtml(tickLabel(t))}</text>`,
    )
    .join('');

  const showLabels = rowHeight >= 12;
  const rows = ordered
    .map((instance, i) => {
      const y = top + i * rowHeight;
      const barH = Math.max(3, rowHeight * 0.62);
      const x0 = at(instance.createdAtMs);
      const x1 = at(instance.endedAtMs ?? runEndMs);
      const color = colorOf(instance.function);
      const ticks = (invocations.get(instance.id) ?? [])
        .map(
          (s) =>
            `<line class="invocation" x1="${px(at(s.startedAtMs))}" x2="${px(at(s.startedAtMs))}" y1="${px(y + (rowHeight - barH) / 2)}" y2="${px(y + (rowHeight + barH) / 2)}"/>`,
        )
        .join('');
      const alive = instance.endedAtMs === null;
      const tooltip =
        `${instance.function} · ${instance.id}\ncreated +${((instance.createdAtMs - runStartMs) / 1000).toFixed(1)} s, ` +
        `${instance.endedAtMs === null ? 'alive at the end' : `ended +${((instance.endedAtMs - runStartMs) / 1000).toFixed(1)} s`}` +
        `\n${instance.invocations} invocation(s)`;
      return el(
        'g',
        { 'data-instance': instance.id, 'data-function': instance.function },
        `<title>${escapeHtml(tooltip)}</title>`,
        showLabels
          ? `<text class="row-label small" x="${left - 8}" y="${px(y + rowHeight / 2 + 4)}" text-anchor="end">${escapeHtml(`${instance.function} · ${shortId(instance.id)}`)}</text>`
          : '',
        `<rect class="span${alive ? ' open' : ''}" x="${px(x0)}" y="${px(y + (rowHeight - barH) / 2)}" width="${px(Math.max(2, x1 - x0))}" height="${px(barH)}" rx="2" fill="${escapeHtml(color)}"/>`,
        ticks,
        showLabels
          ? `<text class="count" x="${px(Math.max(x0, x1) + 5)}" y="${px(y + rowHeight / 2 + 4)}">${instance.invocations}</text>`
          : '',
      );
    })
    .join('');

  // Rows too thin for a label each: name each function's group of rows instead.
  const groupLabels = showLabels
    ? ''
    : functionGroups(ordered, functionOrder)
        .map(({ fn, start, end, count }) => {
          const y0 = top + start * rowHeight;
          const y1 = top + end * rowHeight;
          return (
            `<line class="group-rule" x1="${left - 6}" x2="${left - 6}" y1="${px(y0 + 1)}" y2="${px(y1 - 1)}" stroke="${escapeHtml(colorOf(fn))}"/>` +
            `<text class="group-label" x="${left - 14}" y="${px((y0 + y1) / 2 + 4)}" text-anchor="end">${escapeHtml(fn)}</text>` +
            `<text class="tick" x="${left - 14}" y="${px((y0 + y1) / 2 + 18)}" text-anchor="end">${count} env.</text>`
          );
        })
        .join('');

  return chartSvg(
    {
      id: 'chart-instance-timeline',
      kind: 'instance-timeline',
      title: 'Execution environments over time',
      width,
      height: px(height),
    },
    grid,
    groupLabels,
    rows,
    `<text class="axis-title" x="${px((left + width - right) / 2)}" y="${px(plotBottom + 34)}" text-anchor="middle">seconds since the run started</text>`,
  );
}

/** Instance ids are often log stream names or UUIDs; the tail is what tells them apart. */
function shortId(id: string): string {
  return id.length > 10 ? `…${id.slice(-8)}` : id;
}
