import type { Instance } from '../../schema';

/** One function's run of consecutive rows (or bars) in {@link orderInstances}' order. */
export interface FunctionGroup {
  readonly fn: string;
  /** Index of the group's first instance. */
  readonly start: number;
  /** One past the index of its last instance. */
  readonly end: number;
  /** Instances of the function. */
  readonly count: number;
}

/**
 * The order both instance charts draw environments in: grouped by function (in `functionOrder`), in
 * creation order within a function.
 *
 * @example
 * const ordered = orderInstances(results.instances, ['hello', 'db']);
 */
export function orderInstances(instances: readonly Instance[], functionOrder: readonly string[]): Instance[] {
  return [...instances].sort(
    (a, b) => functionOrder.indexOf(a.function) - functionOrder.indexOf(b.function) || a.createdAtMs - b.createdAtMs,
  );
}

/**
 * Where each function's instances sit in `ordered`, for the group rules and labels; functions with no
 * instance are left out.
 *
 * @example
 * functionGroups(orderInstances(instances, order), order); // [{ fn: 'hello', start: 0, end: 3, count: 3 }, …]
 */
export function functionGroups(ordered: readonly Instance[], functionOrder: readonly string[]): FunctionGroup[] {
  return functionOrder.flatMap((fn) => {
    const indexes = ordered.flatMap((inst, i) => (inst.function === fn ? [i] : []));
    const first = indexes[0];
    const last = indexes[indexes.length - 1];
    return first === undefined || last === undefined
      ? []
      : [{ fn, start: first, end: last + 1, count: indexes.length }];
  });
}
