export { apiRoutesFromStack } from './api-routes';
export { publishFolder } from './cache-folder';
export type { FunctionUrlCors, StackFunctionUrl } from './function-urls';
export { FunctionUrlStackError, functionUrlsFromStack } from './function-urls';
export type { LayerSource, StackLayer } from './layers';
export { LAYER_VERSION_ARN, MAX_LAYERS } from './layers';
export type { LoadStackOptions } from './load';
export { loadStack, StackLoadError } from './load';
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
