export type { LocalLambdaService, ServeLocalLambdaOptions } from './serve';
export { defaults, serveLocalLambda } from './serve';
