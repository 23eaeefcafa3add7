/**
 * Freezing on, this process stops itself (SIGSTOP) the moment its request for the next event has
 * left, as Lambda's runtime client blocks there; the runtime only has to thaw it. Stopping here
 * costs the runtime nothing, and no timer or promise of the function runs after the request.
 */

/** Sent with GET /next by a client that freezes itself; a client without it is frozen by the runtime. */
export const SELF_FREEZE_HEADERS: Readonly<Record<string, string>> = { 'Lambda-Runtime-Local-Freeze': 'self' };

/**
 * Stops process `pid` until the runtime sends it SIGCONT.
 *
 * @example
 * new RuntimeApiConnection({ host, port, onNextWritten: () => freeze(process.pid) });
 */
export function freeze(pid: number): void {
  process.kill(pid, 'SIGSTOP');
}
