export type { InvokeApiServer, LocalRoute } from './server';
export { startInvokeApiServer } from './server';
