export type { ListeningAddress } from './listen';
export { closeNow, listen } from './listen';
export { readBody } from './read-body';
