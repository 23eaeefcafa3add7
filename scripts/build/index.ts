export type { BuiltFunction } from './build-functions';
export { buildFunctions } from './build-functions';
export { MissingEntryError } from './errors';
export type { IncrementalBuild, IncrementalBuildOptions, RebuildFailed, RebuildResult, Rebuilt } from './incremental';
export { createIncrementalBuild } from './incremental';
export type { BuildFunctionsOptions, BuildTarget } from './options';
export { formatSizeTable } from './size-table';
export { deterministicZip } from './zip';
