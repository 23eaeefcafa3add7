export { RouteKeyError } from './errors';
export type { HttpApiEventV2 } from './event';
export { buildEvent, formatRequestTime, newRequestId } from './event';
export { invokeThroughLambdaClient } from './invoke-through-lambda-client';
export type { InvokeResult } from './response';
export type { RunningHttpApi } from './server';
export { httpApiDefaults, startHttpApi } from './server';
