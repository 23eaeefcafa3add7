export { startLocalLambda, LocalLambda } from './local-lambda';
export { defaults, resolveOptions } from './options';
export type { LocalLambdaOptions } from './options';
export type { ConfigurationPatch } from './control-plane';
export {
  LocalLambdaError,
  InvalidOptionError,
  LambdaApiError,
  ResourceNotFoundError,
  TooManyRequestsError,
  InvalidRequestContentError,
  RequestTooLargeError,
  InvalidParameterValueError,
  RuntimeStoppedError,
} from './errors';
export type * from './types';
export type { LocalRoute } from '../invoke-api/server';
