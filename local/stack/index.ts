export { loadStack, unpackZip, StackLoadError, defaults as loadStackDefaults } from './load';
export type { LoadStackOptions, LoadedStack } from './load';
export { stackFunctions, StackFunctionError } from './functions';
export type { StackFunction } from './functions';
export {
  parseReferences,
  resolveValue,
  mapResolver,
  chainResolvers,
  stackResolver,
  UnresolvedReferenceError,
} from './references';
export type { Reference, ReferenceResolver, TerraformJson } from './references';
