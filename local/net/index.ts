export { listen, closeNow } from './listen';
export type { ListeningAddress } from './listen';
export { readBody } from './read-body';
