import type { AppConfig, LoadedConfig } from '../kit/config';

export type Mode = 'reuse' | 'naive';

/**
 * SSM calls, counted the same way in both twins so the two answers compare:
 * - `thisRequest`: GetParametersByPath calls begun while this request was served. On the reuse
 *   twin that is 0 when memory answered, 0 on the first request too (its load began during INIT),
 *   and 1 when a forced `?refresh=1` or a background refresh began (the answer does not wait for a
 *   background one).
 * - `total`: every call this environment has made since INIT.
 */
export interface SsmCallCounts {
  readonly thisRequest: number;
  readonly total: number;
}

/**
 * The config endpoint's body, shared by the reuse and naive functions. Only String parameters
 * appear; SecureString values stay in the ParameterSet's private store.
 */
export function configView(
  loaded: LoadedConfig<AppConfig>,
  opts: { now: number; ssmCalls: SsmCallCounts; instanceId: string; mode: Mode },
) {
  return {
    mode: opts.mode,
    message: loaded.config.message,
    featureFlags: loaded.config.featureFlags,
    parameters: loaded.parameters.publicView(),
    loadedAt: new Date(loaded.loadedAt).toISOString(),
    ageMs: opts.now - loaded.loadedAt,
    ssmCallsThisRequest: opts.ssmCalls.thisRequest,
    ssmCallsTotal: opts.ssmCalls.total,
    instanceId: opts.instanceId,
  };
}
