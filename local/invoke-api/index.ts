export type { InvokeApiOptions } from './options';
export { defaults as invokeApiDefaults, resolveInvokeApiOptions } from './options';
export { startInvokeApiServer } from './server';
export type { InvokeApiServer, LocalRoute } from './types';
