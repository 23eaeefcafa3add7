export type { DevStack, DevStackEndpoint, DevStackManagedFunction } from './dev-stack';
export { startDevStack } from './dev-stack';
export type { EnvOverride } from './env-overrides';
export { parseEnvOverride } from './env-overrides';
export { DevStackError, MissingArtifactError, PrepareError } from './errors';
export { formatLogEvent, readableRecord } from './log-format';
export type { DevStackOptions, LambdaMode } from './options';
export {
  defaults as devStackDefaults,
  isPostgresUrl,
  LAMBDA_MODES,
  maxLmiMinEnvironments,
  resolveDevStackOptions,
} from './options';
export { buildAll, synthesize, synthesizedStackFile } from './prepare';
export { formatSummary } from './summary';
