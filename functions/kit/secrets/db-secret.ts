import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ConfigCache } from '../config/cache';
import { cacheFromEnv } from '../config/env-cache';
import { ConfigTooStaleError, ConfigUnavailableError } from '../errors';
import type { Logger } from '../logger';
import type { DbCredentials } from './credentials';
import { DbSecretUnavailableError } from './errors';
import { SecretSource } from './secret-source';

/** The variable naming the RDS-managed secret in managed mode; the stack sets it, with GetSecretValue on it. */
export const DB_SECRET_ARN = 'DB_SECRET_ARN';

export interface DbSecretOptions {
  env: NodeJS.ProcessEnv;
  /** The client. By default one with the SDK's own endpoint resolution, so AWS_ENDPOINT_URL_SECRETS_MANAGER just works. */
  client: SecretsManagerClient | undefined;
  now: () => number;
  /** Told about a failed background load or refresh; by default logged as a warning through `logger`. */
  onBackgroundError: ((err: unknown) => void) | undefined;
  logger: Logger | undefined;
}

export const defaults: DbSecretOptions & { ttlMs: number; maxStaleMs: number } = {
  env: process.env,
  client: undefined,
  now: () => Date.now(),
  onBackgroundError: undefined,
  logger: undefined,
  // A rotated password reaches new connections within this; pooled ones keep the session they opened.
  ttlMs: 300_000,
  // Secrets Manager down for an hour still lets new connections use the password in memory.
  maxStaleMs: 3_600_000,
};

/**
 * The database password, held in memory across warm invocations: the kit's {@link ConfigCache}
 * (TTL, stale-while-revalidate, stale-if-error, single-flight; freeze/thaw safe) over one
 * GetSecretValue. Make it at module scope with {@link startDbSecret}.
 */
export class DbSecret {
  constructor(
    private readonly cache: ConfigCache<DbCredentials, DbCredentials>,
    readonly source: SecretSource,
  ) {}

  /** Begins the first read, if none is loaded or loading. Never rejects. */
  start(): void {
    this.cache.start();
  }

  /**
   * The credentials to use now. Waits only when nothing usable is in memory.
   *
   * @throws DbSecretUnavailableError when the secret cannot be read and no usable copy is in memory.
   * @example
   * const { password } = await dbSecret.get();
   */
  async get(): Promise<DbCredentials> {
    try {
      return (await this.cache.get()).config;
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** GetSecretValue calls made since the environment started. */
  get calls(): number {
    return this.source.calls;
  }
}

/** The cache's own errors speak of "configuration"; the caller should learn it was the secret. */
function unavailable(err: unknown): DbSecretUnavailableError {
  if (err instanceof DbSecretUnavailableError) return err;
  const what = `the database secret (${DB_SECRET_ARN}) could not be read`;
  if (err instanceof ConfigTooStaleError)
    return new DbSecretUnavailableError(`${what}, and the copy in memory is ${err.ageMs} ms old`, { cause: err.cause });
  const cause = err instanceof ConfigUnavailableError && err.cause !== undefined ? err.cause : err;
  return new DbSecretUnavailableError(what, { cause });
}

function secretSource(opts: DbSecretOptions, secretId: string): SecretSource {
  return new SecretSource({ client: opts.client ?? new SecretsManagerClient({}), secretId });
}

/**
 * The database secret of managed mode, from `DB_SECRET_ARN`, with its first read already started
 * (call at module scope so the read overlaps INIT). Undefined when `DB_SECRET_ARN` is unset: external
 * mode, where `db/url` holds the credentials. `DB_SECRET_TTL_MS` and `DB_SECRET_MAX_STALE_MS` tune it.
 *
 * @example
 * const logger = createLogger();
 * const appConfig = startAppConfig({ logger });
 * const dbSecret = startDbSecret({ logger });
 * const pool = createAppPool(appConfig, logger, { dbSecret });
 */
export function startDbSecret(options: Partial<DbSecretOptions> = {}): DbSecret | undefined {
  const opts: DbSecretOptions = { ...defaults, ...options };
  const secretId = opts.env[DB_SECRET_ARN];
  if (secretId === undefined || secretId.trim() === '') return undefined;
  const source = secretSource(opts, secretId);
  const cache = cacheFromEnv<DbCredentials, DbCredentials>({
    load: () => source.load(),
    // The source already split and redacted the secret: there is nothing left to validate.
    parse: (credentials) => credentials,
    now: opts.now,
    variables: { ttlMs: 'DB_SECRET_TTL_MS', maxStaleMs: 'DB_SECRET_MAX_STALE_MS' },
    fallback: defaults,
    env: opts.env,
    failureMessage: 'background database secret read failed',
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.onBackgroundError ? { onBackgroundError: opts.onBackgroundError } : {}),
  });
  const secret = new DbSecret(cache, source);
  secret.start();
  return secret;
}

/**
 * The naive way, for comparison: a new client and one GetSecretValue, every call. Undefined when
 * `DB_SECRET_ARN` is unset (external mode).
 *
 * @throws DbSecretUnavailableError when the read fails.
 * @example
 * const credentials = await loadDbSecretOnce();
 */
export async function loadDbSecretOnce(
  options: Partial<Pick<DbSecretOptions, 'env' | 'client'>> = {},
): Promise<DbCredentials | undefined> {
  const opts: DbSecretOptions = { ...defaults, ...options };
  const secretId = opts.env[DB_SECRET_ARN];
  if (secretId === undefined || secretId.trim() === '') return undefined;
  try {
    return await secretSource(opts, secretId).load();
  } catch (err) {
    throw unavailable(err);
  }
}
