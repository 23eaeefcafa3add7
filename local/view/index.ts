export { liveViewRoutes } from './routes';
export type { ViewState } from './state';
