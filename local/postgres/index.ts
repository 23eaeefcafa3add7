export type { EmbeddedPostgresOptions, RunningPostgres } from './embedded';
export { EmbeddedPostgresError, embeddedPostgresDefaults, startEmbeddedPostgres } from './embedded';
