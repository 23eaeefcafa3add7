import type { LocalLambda, LogEvent } from '../runtime';

const instanceIdField = /"instanceId":"([^"]{1,100})"/;

/**
 * Learns which `instanceId` (what the functions answer, from the kit) each execution environment
 * carries, from the JSON log lines the kit writes, so the live view can show the same id a curl shows.
 *
 * @example
 * const ids = trackInstanceIds(runtime);
 * ids.get(environmentId); // '7f6341fa-...'
 */
export function trackInstanceIds(runtime: Pick<LocalLambda, 'on'>, limit = 2_000): ReadonlyMap<string, string> {
  const ids = new Map<string, string>();
  runtime.on('log', (event: LogEvent) => {
    if (event.stream === 'platform' || ids.has(event.environmentId) || !event.line.includes('"instanceId"')) return;
    const found = instanceIdField.exec(event.line)?.[1];
    if (found === undefined) return;
    ids.set(event.environmentId, found);
    // Bounded: the oldest environments are long gone from the view by then.
    if (ids.size > limit) ids.delete(ids.keys().next().value as string);
  });
  return ids;
}
