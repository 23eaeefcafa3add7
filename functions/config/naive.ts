import { loadAppConfigOnce } from '../kit/config';
import { httpHandler, json } from '../kit/http';
import { instance } from '../kit/instance';
import { createLogger } from '../kit/logger';
import { configView } from './view';

const logger = createLogger();

/** Naive twin of config: a new SSM client and a full fetch on every call. */
export const handler = httpHandler(logger, async () => {
  const { loaded, ssmCalls } = await loadAppConfigOnce();
  return json(200, configView(loaded, { now: Date.now(), ssmCalls, instanceId: instance.id, mode: 'naive' }));
});
