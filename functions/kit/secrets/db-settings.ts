import type { AppConfig, DbSettings, LoadedConfig } from '../config';
import { requireDb } from '../config';
import { InvalidOptionError } from '../errors';
import type { DbCredentials } from './credentials';
import { DB_SECRET_ARN } from './db-secret';

/** The stack's parameter naming the secret; its presence means managed mode. */
const secretIdParameter = 'db/password-secret-id';

/**
 * The database settings for this invocation: the app config's, with the password of the RDS-managed
 * secret in managed mode (`credentials` given). The result keeps the password non-enumerable.
 *
 * @throws ConfigValidationError when the config names no database; InvalidOptionError naming
 * DB_SECRET_ARN when the stack is in managed mode (db/password-secret-id) but the variable is unset.
 * @example
 * const db = dbSettingsWith(await appConfig.cache.get(), await dbSecret?.get());
 */
export function dbSettingsWith(loaded: LoadedConfig<AppConfig>, credentials: DbCredentials | undefined): DbSettings {
  const db = requireDb(loaded.config);
  if (credentials === undefined) {
    if (loaded.parameters.has(secretIdParameter) && db.password === undefined && db.connectionString === undefined) {
      throw new InvalidOptionError({
        component: 'environment',
        option: DB_SECRET_ARN,
        value: undefined,
        allowed: `the ARN of the database secret (the stack is in managed mode: ${secretIdParameter} is set)`,
      });
    }
    return db;
  }
  const merged = { host: db.host, port: db.port, database: db.database, user: db.user, ssl: db.ssl } as DbSettings;
  Object.defineProperty(merged, 'password', { value: credentials.password, enumerable: false });
  Object.defineProperty(merged, 'connectionString', { value: db.connectionString, enumerable: false });
  return Object.freeze(merged);
}
