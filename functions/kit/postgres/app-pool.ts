import type { AppConfigRuntime } from '../config';
import { describeError, type Logger } from '../logger';
import { outsideRequestScope } from '../request-scope';
import { type DbSecret, dbSettingsWith } from '../secrets';
import { createReusePool, type ReusePool, type ReusePoolOptions } from './pool';

/** {@link createAppPool}'s options: the pool's, and the managed-mode secret the password comes from. */
export interface AppPoolOptions extends Partial<ReusePoolOptions> {
  /** From {@link startDbSecret}: undefined in external mode, where `db/url` holds the credentials. */
  dbSecret?: DbSecret | undefined;
}

/**
 * The app's module-scope pool: connection settings come from the app config (SSM) and, in managed
 * mode, the password from the database secret (Secrets Manager), both cached, when the first query
 * needs them; an idle connection that dies while the environment is frozen is logged.
 *
 * @example
 * const logger = createLogger();
 * const appConfig = startAppConfig({ logger });
 * const dbSecret = startDbSecret({ logger });
 * const pool = createAppPool(appConfig, logger, { dbSecret }); // at module scope: survives warm invocations
 */
export function createAppPool(appConfig: AppConfigRuntime, logger: Logger, options: AppPoolOptions = {}): ReusePool {
  const { dbSecret, ...poolOptions } = options;
  return createReusePool(
    async () => {
      // Both reads start together: in a cold start the secret's is already under way since INIT.
      const [loaded, credentials] = await Promise.all([appConfig.cache.get(), dbSecret?.get()]);
      return dbSettingsWith(loaded, credentials);
    },
    {
      // The socket's events run in the scope of the request that opened the connection, long finished by now.
      onIdleError: (err) =>
        outsideRequestScope(() =>
          logger.warn('idle database connection failed; the pool dropped it', { error: describeError(err) }),
        ),
      ...poolOptions,
    },
  );
}
