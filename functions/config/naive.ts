import { loadAppConfigOnce } from '../kit/config';
import { httpHandler, json } from '../kit/http';
import { instance } from '../kit/instance';
import { createLogger } from '../kit/logger';
import { configView } from './view';

const logger = createLogger();
/** Every SSM call this environment made: the naive twin keeps nothing else across invocations. */
let ssmCallsTotal = 0;

/** Naive twin of config: a new SSM client and a full fetch on every call. */
export const handler = httpHandler(logger, async () => {
  const { loaded, ssmCalls } = await loadAppConfigOnce();
  ssmCallsTotal += ssmCalls;
  return json(
    200,
    configView(loaded, {
      now: Date.now(),
      ssmCalls: { thisRequest: ssmCalls, total: ssmCallsTotal },
      instanceId: instance.id,
      mode: 'naive',
    }),
  );
});
