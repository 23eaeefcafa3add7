// Imports only the kit modules it uses (not the config or postgres folders), so this bundle carries neither pg nor the SSM client.
import { httpHandler, json } from '../kit/http';
import { instance } from '../kit/instance';
import { createLogger } from '../kit/logger';

const logger = createLogger();

/** Which environment served this request, and how many it has served. */
export const handler = httpHandler(logger, async (event, _context, { invocation, coldStart }) => {
  logger.info('hello', { invocation });
  return json(200, {
    message: 'Hello from lambda-reuse-lab',
    instanceId: instance.id,
    invocation,
    coldStart,
    instanceAgeMs: instance.ageMs(),
    input: event,
  });
});
