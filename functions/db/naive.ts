import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { loadAppConfigOnce } from '../kit/config';
import { httpHandler, json } from '../kit/http';
import { instance } from '../kit/instance';
import { createLogger } from '../kit/logger';
import { withFreshClient } from '../kit/postgres';
import { dbSettingsWith, loadDbSecretOnce } from '../kit/secrets';
import { ensureVisitsTableOnce, recordVisit, type Sql } from './visits';

const logger = createLogger();

/**
 * Naive twin of db: config from SSM, in managed mode the password from Secrets Manager, and a new
 * connection, opened and closed, on every call.
 */
export const handler = httpHandler(logger, async () => {
  const [{ loaded }, credentials] = await Promise.all([loadAppConfigOnce(), loadDbSecretOnce()]);
  const db = dbSettingsWith(loaded, credentials);
  const started = performance.now();
  const { visits, backendPid } = await withFreshClient(db, async (client) => {
    const sql: Sql = async (text, values) => (await client.query(text, values)).rows;
    // Once per environment, as in the reuse twin: the schema step is not part of what makes this one naive.
    await ensureVisitsTableOnce(sql);
    return recordVisit(sql, { id: randomUUID(), instanceId: instance.id, mode: 'naive' });
  });
  const queryMs = performance.now() - started;
  // No pool: every call opens its own connection.
  return json(200, { mode: 'naive', visits, backendPid, pool: null, queryMs, instanceId: instance.id });
});
