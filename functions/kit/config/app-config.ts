import { ConfigValidationError } from '../errors';
import type { ParameterSet } from './parameters';

/** How to reach PostgreSQL. `password` and `connectionString` are non-enumerable: they never serialise. */
export interface DbSettings {
  readonly host: string | undefined;
  readonly port: number;
  readonly database: string | undefined;
  readonly user: string | undefined;
  /**
   * `verify-full`: TLS, the server's certificate verified against the RDS CA bundle and its host name;
   * `require`: TLS without certificate verification (libpq's sslmode=require); `disable`: plain TCP.
   * Undefined only with `db/url` and no `db/ssl`: then the URL's own sslmode applies.
   */
  readonly ssl: SslMode | undefined;
  readonly password: string | undefined;
  readonly connectionString: string | undefined;
}

/** The values `db/ssl` may take. */
export const sslModes = ['verify-full', 'require', 'disable'] as const;
export type SslMode = (typeof sslModes)[number];

/** The app's typed configuration. */
export interface AppConfig {
  readonly message: string;
  readonly featureFlags: readonly string[];
  /** Present when any `db/*` parameter is. */
  readonly db: DbSettings | undefined;
}

export const defaults = {
  message: 'Hello from lambda-reuse-lab',
  port: 5432,
  ssl: 'require' as const,
};

const flagPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Validates the raw parameters into an {@link AppConfig}. Fails with a ConfigValidationError
 * naming the parameter (never its value, which may be secret).
 *
 * @example
 * const config = parseAppConfig(await source.load());
 * config.db?.host;
 */
export function parseAppConfig(p: ParameterSet): AppConfig {
  const message = p.get('app/message') ?? defaults.message;
  const flagsRaw = p.get('app/feature-flags') ?? '';
  const featureFlags = flagsRaw
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const bad = featureFlags.find((f) => !flagPattern.test(f));
  if (bad !== undefined)
    throw new ConfigValidationError('app/feature-flags', `has an invalid flag "${bad}" (letters, digits, . _ -)`);
  return { message, featureFlags, db: parseDb(p) };
}

function parseDb(p: ParameterSet): DbSettings | undefined {
  const names = ['db/url', 'db/host', 'db/port', 'db/database', 'db/user', 'db/ssl', 'db/password'];
  if (!names.some((n) => p.has(n))) return undefined;

  const portRaw = p.get('db/port');
  const port = portRaw === undefined ? defaults.port : Number(portRaw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConfigValidationError('db/port', 'must be an integer from 1 to 65535');

  const url = p.get('db/url');
  const sslRaw = p.get('db/ssl') ?? (url === undefined ? defaults.ssl : undefined);
  if (sslRaw !== undefined && !(sslModes as readonly string[]).includes(sslRaw)) {
    throw new ConfigValidationError('db/ssl', `must be one of ${sslModes.map((m) => `"${m}"`).join(', ')}`);
  }

  if (url !== undefined) {
    if (p.has('db/url') && !p.isSecure('db/url'))
      throw new ConfigValidationError('db/url', 'must be a SecureString (it holds credentials)');
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new ConfigValidationError('db/url', 'must be a postgres:// connection string');
  } else {
    for (const required of ['db/host', 'db/user', 'db/database']) {
      if (!p.get(required)) throw new ConfigValidationError(required, 'is required when db/url is absent');
    }
    if (p.has('db/password') && !p.isSecure('db/password'))
      throw new ConfigValidationError('db/password', 'must be a SecureString');
  }

  const settings = {
    host: p.get('db/host'),
    port,
    database: p.get('db/database'),
    user: p.get('db/user'),
    ssl: sslRaw as SslMode | undefined,
  } as DbSettings;
  Object.defineProperty(settings, 'password', { value: p.get('db/password'), enumerable: false });
  Object.defineProperty(settings, 'connectionString', { value: url, enumerable: false });
  return Object.freeze(settings);
}

/**
 * The database settings, or a ConfigValidationError naming the missing parameter.
 *
 * @example
 * const db = requireDb((await cache.get()).config);
 */
export function requireDb(config: AppConfig): DbSettings {
  if (!config.db)
    throw new ConfigValidationError('db/host', 'is required (or db/url) for a function that uses the database');
  return config.db;
}
