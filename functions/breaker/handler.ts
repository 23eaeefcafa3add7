import { createBreakerRegistry } from '../kit/breakers';
import { startAppConfig } from '../kit/config';
import { httpHandler, json, queryParam } from '../kit/http';
import { instance } from '../kit/instance';
import { createLogger } from '../kit/logger';
import { createAppPool } from '../kit/postgres';
import { startDbSecret } from '../kit/secrets';

type Fault = 'none' | 'fail' | 'hang';
const faults: readonly Fault[] = ['none', 'fail', 'hang'];

const logger = createLogger();
const appConfig = startAppConfig({ logger });
// Managed mode only (DB_SECRET_ARN set): the password, read during INIT like the config.
const dbSecret = startDbSecret({ logger });
const pool = createAppPool(appConfig, logger, { dbSecret });
const breakers = createBreakerRegistry();

async function readDatabase(fault: Fault): Promise<{ now: string; backendPid: number }> {
  if (fault === 'fail') throw Object.assign(new Error('injected fault'), { code: 'EINJECTED' });
  if (fault === 'hang') {
    // Outlives the breaker's timeout, but bounded and unref'd so it never holds the process.
    await new Promise((resolve) => setTimeout(resolve, breakerTimeoutMs + 1_000).unref());
    // The breaker gave up on this call long ago: end it here rather than run a late query that would
    // compete with the next invocation's for the pool's one connection.
    throw Object.assign(new Error('injected hang'), { code: 'EHANG' });
  }
  const { rows } = await pool.query<{ now: Date; backend_pid: number }>(
    'SELECT now() AS now, pg_backend_pid() AS backend_pid',
    [],
    {
      idempotent: true,
    },
  );
  const row = rows[0];
  if (!row) throw new Error('no row');
  return { now: row.now.toISOString(), backendPid: row.backend_pid };
}

type Answer = { now: string; backendPid: number } | { degraded: true; reason: string };
const dbBreaker = breakers.get<[Fault], Answer>('db', readDatabase, (err) => ({
  degraded: true,
  reason: String((err as { code?: unknown }).code ?? err.name),
}));
const breakerTimeoutMs = dbBreaker.options.timeout;

/** Calls the database through a circuit breaker; `?fault=fail|hang` injects a failure. */
export const handler = httpHandler(logger, async (event) => {
  const fault = (queryParam(event, 'fault') ?? 'none') as Fault;
  if (!faults.includes(fault)) {
    return json(400, {
      code: 'EBADFAULT',
      message: `fault must be one of ${faults.join(', ')}`,
      instanceId: instance.id,
    });
  }
  const { value, fromFallback, fallbackReason, errorCode } = await dbBreaker.fire(fault);
  if (fromFallback) logger.warn('breaker fallback answered', { state: dbBreaker.state, fallbackReason, errorCode });
  return json(200, {
    mode: 'reuse',
    fault,
    // After this call: a failure that tips the error rate answers with fallbackReason 'error' and state 'open'.
    state: dbBreaker.state,
    stats: dbBreaker.stats(),
    fromFallback,
    // null when the database answered; else open (rejected without a call), timeout or error.
    fallbackReason: fallbackReason ?? null,
    fallbackErrorCode: errorCode ?? null,
    result: value,
    instanceId: instance.id,
  });
});
