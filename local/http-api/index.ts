export { RouteKeyError } from './errors';
export { formatRequestTime } from './event';
export type { FunctionUrlOptions, FunctionUrlRoute, UrlInvoke, UrlStream } from './function-url';
export { FUNCTION_URL_PREFIX, functionUrlHandler, urlId } from './function-url';
export type { CorsSettings } from './function-url-cors';
export { invokeThroughLambdaClient } from './invoke-through-lambda-client';
export type { InvokeResult } from './response';
export type { RunningHttpApi } from './server';
export { httpApiDefaults, startHttpApi } from './server';
