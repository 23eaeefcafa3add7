export { functionColor } from './colors';
export type { InvocationTick } from './invocation-ticks';
export { liveViewRoutes } from './routes';
export type { ViewConcurrency, ViewEnvironment, ViewFunction, ViewState } from './state';
