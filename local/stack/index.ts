export { apiRoutesFromStack } from './api-routes';
export type { FunctionUrlCors, StackFunctionUrl } from './function-urls';
export { FunctionUrlStackError, functionUrlsFromStack } from './function-urls';
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
