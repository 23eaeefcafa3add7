import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startAppConfig } from '../kit/config';
import { httpHandler, json } from '../kit/http';
import { instance } from '../kit/instance';
import { createLogger } from '../kit/logger';
import { createAppPool } from '../kit/postgres';
import { ensureVisitsTableOnce, recordVisit, type Sql } from './visits';

const logger = createLogger();
const appConfig = startAppConfig({ logger });
const pool = createAppPool(appConfig, logger);
const sql: Sql = async (text, values, idempotent) => (await pool.query(text, values, { idempotent })).rows;

/** Records a visit through the module-scope pool. */
export const handler = httpHandler(logger, async () => {
  const started = performance.now();
  await ensureVisitsTableOnce(sql);
  const { visits, backendPid } = await recordVisit(sql, { id: randomUUID(), instanceId: instance.id, mode: 'reuse' });
  const queryMs = performance.now() - started;
  return json(200, { mode: 'reuse', visits, backendPid, pool: pool.stats(), queryMs, instanceId: instance.id });
});
