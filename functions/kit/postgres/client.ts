import pg from 'pg';
import type { DbSettings } from '../config/app-config';
import { DatabaseUnavailableError } from '../errors';
import { type ConnectionOptions, toClientConfig } from './connection';

/**
 * The naive way, for comparison: a new connection per call (TCP + authentication every time),
 * closed afterwards.
 *
 * @example
 * const n = await withFreshClient(db, async (client) => (await client.query('SELECT 1')).rowCount);
 */
export async function withFreshClient<R>(
  db: DbSettings,
  work: (client: pg.Client) => Promise<R>,
  options: Partial<ConnectionOptions> = {},
): Promise<R> {
  const client = new pg.Client(toClientConfig(db, options));
  // A socket error after connect must not become an unhandled 'error' event.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw new DatabaseUnavailableError('could not connect to the database', { cause: err });
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}
