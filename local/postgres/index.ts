export { startEmbeddedPostgres, embeddedPostgresDefaults } from './embedded';
export type { EmbeddedPostgresOptions, RunningPostgres } from './embedded';
