export type { DevStack, DevStackEndpoint } from './dev-stack';
export { startDevStack } from './dev-stack';
export type { EnvOverride } from './env-overrides';
export { parseEnvOverride } from './env-overrides';
export { DevStackError, MissingArtifactError, PrepareError } from './errors';
export { formatLogEvent, readableRecord } from './log-format';
export type { DevStackOptions } from './options';
export { defaults as devStackDefaults, isPostgresUrl, resolveDevStackOptions } from './options';
export { formatSummary } from './summary';
