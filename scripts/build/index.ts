export { buildFunctions } from './build-functions';
export type { BuiltFunction } from './build-functions';
export type { BuildFunctionsOptions, BuildTarget } from './options';
export { MissingEntryError } from './errors';
export { deterministicZip } from './zip';
export { formatSizeTable } from './size-table';
