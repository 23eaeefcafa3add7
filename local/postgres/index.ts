export type { EmbeddedPostgresOptions, RunningPostgres } from './embedded';
export { EmbeddedPostgresError, embeddedPostgresDefaults, startEmbeddedPostgres } from './embedded';
export type { ClusterPassword } from './password';
export { loadOrCreatePassword, passwordFileFor } from './password';
export { PostgresUserCannotReachError } from './root-access';
export { processAlive, stopStaleServer } from './stale-server';
