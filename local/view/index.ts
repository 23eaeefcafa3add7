export { liveViewHtml } from './page';
export { liveViewRoutes } from './routes';
export { viewState } from './state';
export type { ViewEnvironment, ViewState } from './state';
export { trackInstanceIds } from './instance-ids';
