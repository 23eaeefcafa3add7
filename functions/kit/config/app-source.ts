import { SSMClient } from '@aws-sdk/client-ssm';
import { ConfigUnavailableError } from '../errors';
import type { Logger } from '../logger';
import { type AppConfig, parseAppConfig } from './app-config';
import { type ConfigCache, defaults as cacheDefaults, type LoadedConfig } from './cache';
import { cacheFromEnv } from './env-cache';
import { assertSsmPath, SsmParameterSource } from './ssm-source';

export interface AppConfigOptions {
  env: NodeJS.ProcessEnv;
  /** The SSM client. By default one with the SDK's own endpoint resolution, so AWS_ENDPOINT_URL_SSM just works. */
  client: SSMClient | undefined;
  now: () => number;
  /** Told about a failed background load or refresh; by default logged as a warning through `logger`. */
  onBackgroundError: ((err: unknown) => void) | undefined;
  logger: Logger | undefined;
}

export const defaults: AppConfigOptions = {
  env: process.env,
  client: undefined,
  now: cacheDefaults.now,
  onBackgroundError: undefined,
  logger: undefined,
};

/** The source checks its path too; checking here first makes the error name the variable to fix. */
function configPath(env: NodeJS.ProcessEnv): string {
  const path = env.CONFIG_PATH;
  assertSsmPath('environment', 'CONFIG_PATH', path);
  return path;
}

/**
 * The app's parameter source from the environment: `CONFIG_PATH` names the SSM prefix.
 * The naive functions make one per call; the reuse ones one per environment.
 *
 * @example
 * const source = createAppSource();
 * const config = parseAppConfig(await source.load());
 */
export function createAppSource(options: Partial<AppConfigOptions> = {}): SsmParameterSource {
  const opts = { ...defaults, ...options };
  return new SsmParameterSource({ client: opts.client ?? new SSMClient({}), path: configPath(opts.env) });
}

/** What a reuse function keeps at module scope. */
export interface AppConfigRuntime {
  readonly cache: ConfigCache<AppConfig>;
  readonly source: SsmParameterSource;
}

/**
 * The app's config cache from the environment (`CONFIG_PATH`, `CONFIG_TTL_MS`, `CONFIG_MAX_STALE_MS`),
 * with its first load already started. Call at module scope so the load overlaps INIT.
 *
 * @example
 * const appConfig = startAppConfig({ logger });
 * export const handler = async () => (await appConfig.cache.get()).config.message;
 */
export function startAppConfig(options: Partial<AppConfigOptions> = {}): AppConfigRuntime {
  const opts = { ...defaults, ...options };
  const source = createAppSource(opts);
  const cache = cacheFromEnv<AppConfig>({
    load: () => source.load(),
    parse: parseAppConfig,
    now: opts.now,
    variables: { ttlMs: 'CONFIG_TTL_MS', maxStaleMs: 'CONFIG_MAX_STALE_MS' },
    fallback: cacheDefaults,
    env: opts.env,
    failureMessage: 'background config load failed',
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.onBackgroundError ? { onBackgroundError: opts.onBackgroundError } : {}),
  });
  cache.start();
  return { cache, source };
}

/**
 * The naive way, for comparison: a new SSM client and source, every parameter fetched, parsed
 * with the same {@link parseAppConfig} the cache uses. Returns the SSM calls this load made.
 *
 * @example
 * const { loaded, ssmCalls } = await loadAppConfigOnce();
 */
export async function loadAppConfigOnce(
  options: Partial<AppConfigOptions> = {},
): Promise<{ loaded: LoadedConfig<AppConfig>; ssmCalls: number }> {
  const opts = { ...defaults, ...options };
  const source = createAppSource(opts);
  let parameters: Awaited<ReturnType<typeof source.load>>;
  try {
    parameters = await source.load();
  } catch (err) {
    throw new ConfigUnavailableError('configuration could not be loaded', { cause: err });
  }
  return { loaded: { config: parseAppConfig(parameters), parameters, loadedAt: opts.now() }, ssmCalls: source.calls };
}
