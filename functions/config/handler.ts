import { startAppConfig } from '../kit/config';
import { httpHandler, json, queryParam } from '../kit/http';
import { instance } from '../kit/instance';
import { createLogger } from '../kit/logger';
import { configView } from './view';

const logger = createLogger();
// Started during INIT: the first invocation awaits a fetch that is already under way.
const appConfig = startAppConfig({ logger });

/**
 * Config loaded once per environment and served from memory. Past its TTL the copy in memory still
 * answers and a refresh starts behind it; Lambda freezes the environment as soon as the answer is
 * sent, so that refresh finishes on the next thaw and its value shows one call later.
 * `?refresh=1` is a forced, synchronous reload: this request waits for SSM and answers with what it got.
 */
export const handler = httpHandler(logger, async (event) => {
  const before = appConfig.source.calls;
  const loaded = queryParam(event, 'refresh') === '1' ? await appConfig.cache.refresh() : await appConfig.cache.get();
  const total = appConfig.source.calls;
  return json(
    200,
    configView(loaded, {
      now: Date.now(),
      ssmCalls: { thisRequest: total - before, total },
      instanceId: instance.id,
      mode: 'reuse',
    }),
  );
});
