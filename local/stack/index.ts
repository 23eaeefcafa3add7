export { loadStack } from './load';
export {
  parseReferences,
  referenceTo,
  resolveValue,
  chainResolvers,
  stackResolver,
  UnresolvedReferenceError,
} from './references';
export type { ReferenceResolver, TerraformJson } from './references';
export { apiRoutesFromStack } from './api-routes';
export { ssmParametersFromStack } from './ssm-parameters';
