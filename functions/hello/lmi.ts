// Imports only the kit modules it uses, like hello: no pg, no SSM client in this bundle.
import { httpHandler, json, queryParam } from '../kit/http';
import { instance } from '../kit/instance';
import { createLogger } from '../kit/logger';

const logger = createLogger();

/** `?holdMs=`: how long each request is held, so that concurrent requests overlap. */
export const holdMsDefaults = { fallback: 50, min: 0, max: 2_000 } as const;

/**
 * Requests of this worker being served right now, and the most at once since INIT. Module-level on purpose:
 * they describe the worker, not a request. Under Lambda Managed Instances all concurrent requests of one
 * worker thread share its module scope
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html); each update
 * below is one synchronous statement, so no other request runs between its read and its write.
 */
let inFlight = 0;
let peakInFlight = 0;

/** The hold in ms, or undefined when `raw` is not an integer within the bounds. */
function parseHoldMs(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return holdMsDefaults.fallback;
  if (!/^\d{1,4}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= holdMsDefaults.min && value <= holdMsDefaults.max ? value : undefined;
}

/**
 * Which environment and worker served this request, after holding it `?holdMs=` (default 50): in classic
 * Lambda every concurrent request gets an environment of its own; under Managed Instances concurrent
 * requests share one environment, and `inFlight` / `peakInFlight` show them overlapping in one worker.
 */
export const handler = httpHandler(logger, async (event, _context, { invocation, coldStart }) => {
  const raw = queryParam(event, 'holdMs');
  const holdMs = parseHoldMs(raw);
  if (holdMs === undefined) {
    return json(400, {
      code: 'EBADHOLDMS',
      message: `holdMs must be an integer from ${holdMsDefaults.min} to ${holdMsDefaults.max} (ms); got ${JSON.stringify(raw?.slice(0, 32))}`,
      instanceId: instance.id,
    });
  }
  inFlight += 1;
  peakInFlight = Math.max(peakInFlight, inFlight);
  try {
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    logger.info('hello-lmi', { holdMs, inFlight });
    return json(200, {
      message: 'Hello from lambda-reuse-lab (Managed Instances demo)',
      instanceId: instance.id,
      workerId: instance.workerId,
      // Requests this worker has served, this one included (each worker counts its own).
      served: invocation,
      coldStart,
      // Being served by this worker as this one answers, this one included.
      inFlight,
      peakInFlight,
      holdMs,
    });
  } finally {
    inFlight -= 1;
  }
});
