import { type AppConfigRuntime, requireDb } from '../config';
import { describeError, type Logger } from '../logger';
import { createReusePool, type ReusePool, type ReusePoolOptions } from './pool';

/**
 * The app's module-scope pool: connection settings come from the app config (SSM) when the first
 * query needs them, and an idle connection that dies while the environment is frozen is logged.
 *
 * @example
 * const logger = createLogger();
 * const appConfig = startAppConfig({ logger });
 * const pool = createAppPool(appConfig, logger); // at module scope: survives warm invocations
 */
export function createAppPool(
  appConfig: AppConfigRuntime,
  logger: Logger,
  options: Partial<ReusePoolOptions> = {},
): ReusePool {
  return createReusePool(async () => requireDb((await appConfig.cache.get()).config), {
    onIdleError: (err) =>
      logger.warn('idle database connection failed; the pool dropped it', { error: describeError(err) }),
    ...options,
  });
}
