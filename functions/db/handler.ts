import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startAppConfig } from '../kit/config';
import { httpHandler, json } from '../kit/http';
import { instance } from '../kit/instance';
import { createLogger } from '../kit/logger';
import { createAppPool } from '../kit/postgres';
import { startDbSecret } from '../kit/secrets';
import { ensureVisitsTableOnce, recordVisit, type Sql } from './visits';

const logger = createLogger();
const appConfig = startAppConfig({ logger });
// Managed mode only (DB_SECRET_ARN set): the password, read during INIT like the config.
const dbSecret = startDbSecret({ logger });
const pool = createAppPool(appConfig, logger, { dbSecret });
const sql: Sql = async (text, values, idempotent) => (await pool.query(text, values, { idempotent })).rows;

/** Records a visit through the module-scope pool. */
export const handler = httpHandler(logger, async () => {
  const started = performance.now();
  await ensureVisitsTableOnce(sql);
  const { visits, backendPid } = await recordVisit(sql, { id: randomUUID(), instanceId: instance.id, mode: 'reuse' });
  const queryMs = performance.now() - started;
  return json(200, { mode: 'reuse', visits, backendPid, pool: pool.stats(), queryMs, instanceId: instance.id });
});
