import { startAppConfig } from '../kit/config';
import { httpHandler, json, queryParam } from '../kit/http';
import { instance } from '../kit/instance';
import { createLogger } from '../kit/logger';
import { configView } from './view';

const logger = createLogger();
// Started during INIT: the first invocation awaits a fetch that is already under way.
const appConfig = startAppConfig({ logger });

/** Config loaded once per environment and served from memory; `?refresh=1` forces a fetch. */
export const handler = httpHandler(logger, async (event) => {
  const loaded = queryParam(event, 'refresh') === '1' ? await appConfig.cache.refresh() : await appConfig.cache.get();
  return json(
    200,
    configView(loaded, { now: Date.now(), ssmCalls: appConfig.source.calls, instanceId: instance.id, mode: 'reuse' }),
  );
});
