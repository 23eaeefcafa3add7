import { formatValue } from './format';
import { el } from './html';

/**
 * A number shown in the report, tagged so a test (or a reader's script) can match it with the JSON:
 * `data-metric` is a stable key such as `db.warm.durationMs.p50`, `data-value` the unrounded number, and
 * the text is `format(value)`.
 *
 * @example
 * metric('db.warm.durationMs.p50', 3.217); // '<span data-metric="db.warm.durationMs.p50" data-value="3.217">3.22</span>'
 */
export function metric(key: string, value: number, format: (v: number) => string = formatValue): string {
  return el('span', { 'data-metric': key, 'data-value': String(value) }, format(value));
}
