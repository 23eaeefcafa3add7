export { functionColor } from './colors';
export type { InvocationTick } from './invocation-ticks';
export { liveViewRoutes } from './routes';
export type { ViewEnvironment, ViewFunction, ViewState } from './state';
