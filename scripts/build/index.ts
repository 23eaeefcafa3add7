export { buildFunctions } from './build-functions';
export type { BuiltFunction } from './build-functions';
export { buildDefaults, resolveBuildOptions } from './options';
export type { BuildFunctionsOptions, BuildTarget } from './options';
export { BuildError, BuildOptionsError, MissingEntryError } from './errors';
export { deterministicZip } from './zip';
export { formatSizeTable } from './size-table';
