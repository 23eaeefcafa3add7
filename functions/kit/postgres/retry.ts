/** Node socket errors that mean the connection is gone. */
const socketCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);
/** SQLSTATEs for "the server ended this session": admin_shutdown, crash_shutdown, cannot_connect_now. */
const sessionEndedStates = new Set(['57P01', '57P02', '57P03']);
const connectionMessages = [
  /Connection terminated unexpectedly/i,
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /not queryable/i,
];

/**
 * True when an error means the connection (not the statement) failed, so the statement may be
 * retried on a new connection: socket errors, SQLSTATE 57P01/57P02/57P03 and class 08.
 *
 * @example
 * isConnectionError(Object.assign(new Error('terminating connection'), { code: '57P01' })); // true
 */
export function isConnectionError(err: unknown): boolean {
  // Duck-typed, not `instanceof Error`: socket errors can come from another realm (vm contexts, test runners).
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (socketCodes.has(code) || sessionEndedStates.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return typeof message === 'string' && connectionMessages.some((m) => m.test(message));
}

/**
 * Runs `attempt` and, if it fails with a connection-class error and the work is idempotent, runs it
 * exactly once more. `attempt` should check out its connection itself, so the second run gets a new one.
 *
 * @example
 * await withConnectionRetry(true, () => pool.withClient((client) => client.query(sql)), () => retries++);
 */
export async function withConnectionRetry<R>(
  idempotent: boolean,
  attempt: () => Promise<R>,
  onRetry: (err: unknown) => void = () => {},
): Promise<R> {
  try {
    return await attempt();
  } catch (err) {
    if (!idempotent || !isConnectionError(err)) throw err;
    onRetry(err);
    return attempt();
  }
}
