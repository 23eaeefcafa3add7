export { type AppConfig, type DbSettings, parseAppConfig, requireDb } from './app-config';
export {
  type AppConfigOptions,
  type AppConfigRuntime,
  createAppSource,
  loadAppConfigOnce,
  startAppConfig,
} from './app-source';
export { ConfigCache, type ConfigCacheOptions, type LoadedConfig } from './cache';
export { type LoadedParameter, ParameterSet } from './parameters';
export { SsmParameterSource, type SsmSourceOptions } from './ssm-source';
