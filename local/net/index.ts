export type { AccessPolicy } from './access-policy';
export {
  ALLOW_HOST_FLAG,
  isAllowedHost,
  isAllowedOrigin,
  isSimpleContentType,
  mediaType,
} from './access-policy';
export { AWS_JSON_CONTENT_TYPE, jsonObjectOf, operationIn, sendAwsJson, targetOperation } from './aws-json';
export type { ListenerLimits, LocalServer, LocalServerOptions } from './local-server';
export { listenerDefaults, startLocalServer } from './local-server';
export { readBody } from './read-body';
