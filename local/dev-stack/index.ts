export { startDevStack } from './dev-stack';
export type { DevStack, DevStackEndpoint } from './dev-stack';
export { defaults as devStackDefaults, isPostgresUrl, resolveDevStackOptions } from './options';
export type { DevStackOptions } from './options';
export { parseEnvOverride } from './env-overrides';
export type { EnvOverride } from './env-overrides';
export { DevStackError, DevStackOptionsError, MissingArtifactError, PrepareError } from './errors';
export { formatSummary } from './summary';
export { formatLogEvent } from './log-format';
