export { apiRoutesFromStack } from './api-routes';
export { loadStack } from './load';
export type { ReferenceResolver, TerraformJson } from './references';
export {
  chainResolvers,
  parseReferences,
  referenceTo,
  resolveValue,
  stackResolver,
  UnresolvedReferenceError,
} from './references';
export { ssmParametersFromStack } from './ssm-parameters';
