export { startEmbeddedPostgres, embeddedPostgresDefaults, EmbeddedPostgresError } from './embedded';
export type { EmbeddedPostgresOptions, RunningPostgres } from './embedded';
