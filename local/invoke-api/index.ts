export { startInvokeApiServer, PAYLOAD_LIMIT } from './server';
export type { InvokeApiServer, InvokeApiOptions, LocalRoute } from './server';
