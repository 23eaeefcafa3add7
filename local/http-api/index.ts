export { startHttpApi, httpApiDefaults } from './server';
export type { RunningHttpApi } from './server';
export type { InvokeResult } from './response';
export { formatRequestTime } from './event';
export { RouteKeyError } from './errors';
export { invokeThroughLambdaClient } from './invoke-through-lambda-client';
