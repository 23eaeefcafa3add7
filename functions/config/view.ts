import type { AppConfig, LoadedConfig } from '../kit/config';

export type Mode = 'reuse' | 'naive';

/**
 * The config endpoint's body, shared by the reuse and naive functions. Only String parameters
 * appear; SecureString values stay in the ParameterSet's private store.
 */
export function configView(
  loaded: LoadedConfig<AppConfig>,
  opts: { now: number; ssmCalls: number; instanceId: string; mode: Mode },
) {
  return {
    mode: opts.mode,
    message: loaded.config.message,
    featureFlags: loaded.config.featureFlags,
    parameters: loaded.parameters.publicView(),
    loadedAt: new Date(loaded.loadedAt).toISOString(),
    ageMs: opts.now - loaded.loadedAt,
    ssmCalls: opts.ssmCalls,
    instanceId: opts.instanceId,
  };
}
