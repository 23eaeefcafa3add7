import { readIntEnv } from '../env';
import { describeError, type Logger } from '../logger';
import { outsideRequestScope } from '../request-scope';
import { ConfigCache, type ConfigCacheOptions } from './cache';
import type { ParameterSet } from './parameters';

/** What {@link cacheFromEnv} needs besides the cache's own load and parse. */
export interface EnvCacheOptions<T, R = ParameterSet> extends Pick<ConfigCacheOptions<T, R>, 'load' | 'parse' | 'now'> {
  /** The variables that set the TTL and the maximum staleness, e.g. `CONFIG_TTL_MS`, `CONFIG_MAX_STALE_MS`. */
  readonly variables: { readonly ttlMs: string; readonly maxStaleMs: string };
  /** Used when a variable is unset. */
  readonly fallback: { readonly ttlMs: number; readonly maxStaleMs: number };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The warning logged when a background refresh fails, e.g. `background config load failed`. */
  readonly failureMessage: string;
  readonly logger?: Logger;
  /** Replaces the logged warning. */
  readonly onBackgroundError?: (err: unknown) => void;
}

/**
 * A {@link ConfigCache} whose TTL and staleness come from environment variables, and whose failed
 * background refreshes are logged with whether a copy is still being served. The config and the
 * database secret are both cached this way.
 *
 * @example
 * const cache = cacheFromEnv({ load, parse, now: Date.now, env: process.env, logger,
 *   variables: { ttlMs: 'CONFIG_TTL_MS', maxStaleMs: 'CONFIG_MAX_STALE_MS' },
 *   fallback: { ttlMs: 60_000, maxStaleMs: 900_000 }, failureMessage: 'background config load failed' });
 */
export function cacheFromEnv<T, R = ParameterSet>(o: EnvCacheOptions<T, R>): ConfigCache<T, R> {
  const ttlMs = readIntEnv(o.variables.ttlMs, o.fallback.ttlMs, { min: 0 }, o.env);
  const maxStaleMs = readIntEnv(o.variables.maxStaleMs, o.fallback.maxStaleMs, { min: ttlMs }, o.env);
  const cache: ConfigCache<T, R> = new ConfigCache<T, R>({
    load: o.load,
    parse: o.parse,
    ttlMs,
    maxStaleMs,
    now: o.now,
    onBackgroundError:
      o.onBackgroundError ??
      // The refresh belongs to the environment, not to the request whose read happened to start it.
      ((err) =>
        outsideRequestScope(() =>
          o.logger?.warn(o.failureMessage, {
            error: describeError(err),
            servingCopyInMemory: cache.peek() !== undefined,
          }),
        )),
  });
  return cache;
}
