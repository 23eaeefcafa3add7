import type { Instance } from '../../schema';
import { el, escapeHtml, px } from '../html';
import { chartSvg } from './frame';
import { functionGroups, orderInstances } from './instance-order';
import { linearScale, tickLabel } from './scale';

const defaults = { width: 1040, height: 300, left: 52, right: 16, top: 14, bottom: 64 } as const;

/**
 * One bar per execution environment, its height the invocations it served, grouped by function and in
 * creation order within a function. Reuse shows as a few tall bars; naive cold paths as many short ones.
 *
 * @example
 * renderExecutionsPerInstance(results.instances, (fn) => colors[fn]);
 */
export function renderExecutionsPerInstance(
  instances: readonly Instance[],
  colorOf: (fn: string) => string,
  functionOrder: readonly string[],
): string {
  const { width, height, left, right, top, bottom } = defaults;
  const ordered = orderInstances(instances, functionOrder);
  const y = linearScale(0, Math.max(1, ...ordered.map((i) => i.invocations)), top + (height - top - bottom), top);
  const plotWidth = width - left - right;
  const slot = ordered.length ? plotWidth / ordered.length : plotWidth;
  const barWidth = Math.max(1, Math.min(28, slot * 0.78));
  const base = height - bottom;

  const grid = y.ticks
    .map(
      (t) =>
        `<line class="grid" x1="${left}" x2="${width - right}" y1="${px(y.map(t))}" y2="${px(y.map(t))}"/>` +
        `<text class="tick" x="${left - 8}" y="${px(y.map(t) + 4)}" text-anchor="end">${escapeHtml(tickLabel(t))}</text>`,
    )
    .join('');

  const bars = ordered
    .map((instance, i) => {
      const x = left + i * slot + (slot - barWidth) / 2;
      const top0 = y.map(instance.invocations);
      return el(
        'rect',
        {
          class: 'bar',
          x: px(x),
          y: px(top0),
          width: px(barWidth),
          height: px(Math.max(0, base - top0)),
          fill: colorOf(instance.function),
          'data-instance': instance.id,
          'data-function': instance.function,
          'data-invocations': instance.invocations,
        },
        `<title>${escapeHtml(`${instance.function} · ${instance.id}\n${instance.invocations} invocation(s)`)}</title>`,
      );
    })
    .join('');

  // Function names under each group of bars.
  const groups = functionGroups(ordered, functionOrder)
    .map(({ fn, start, end, count }) => {
      const x0 = left + start * slot;
      const x1 = left + end * slot;
      return (
        `<line class="group-rule" x1="${px(x0 + 2)}" x2="${px(x1 - 2)}" y1="${base + 8}" y2="${base + 8}" stroke="${escapeHtml(colorOf(fn))}"/>` +
        `<text class="group-label" x="${px((x0 + x1) / 2)}" y="${base + 24}" text-anchor="middle">${escapeHtml(fn)}</text>` +
        `<text class="tick" x="${px((x0 + x1) / 2)}" y="${base + 38}" text-anchor="middle">${count} env.</text>`
      );
    })
    .join('');

  return chartSvg(
    {
      id: 'chart-executions-per-instance',
      kind: 'executions-per-instance',
      title: 'Invocations served by each execution environment',
      width,
      height,
    },
    grid,
    `<line class="axis" x1="${left}" x2="${width - right}" y1="${base}" y2="${base}"/>`,
    bars,
    groups,
    `<text class="axis-title" transform="translate(14 ${px((top + base) / 2)}) rotate(-90)" text-anchor="middle">invocations</text>`,
  );
}
