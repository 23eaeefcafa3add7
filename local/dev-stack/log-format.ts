import type { LogEvent } from '../runtime';

/**
 * One function log line for the terminal, tagged with the function and the environment, so the
 * lines of one instance can be followed: `[hello 3f2a9c1e] START RequestId: ...`.
 *
 * @example
 * runtime.on('log', (e) => process.stdout.write(formatLogEvent(e, short)));
 */
export function formatLogEvent(event: LogEvent, shortName: (functionName: string) => string): string {
  return `[${shortName(event.functionName)} ${event.environmentId.slice(0, 8)}] ${event.line}\n`;
}
