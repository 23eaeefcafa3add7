export { startInvokeApiServer } from './server';
export type { InvokeApiServer, LocalRoute } from './server';
