export { type ConnectionOptions, toClientConfig } from './connection';
export { withFreshClient } from './client';
export { type PoolStats, type QueryOptions, ReusePool, type ReusePoolOptions, createReusePool } from './pool';
export { isConnectionError, withConnectionRetry } from './retry';
export { createAppPool } from './app-pool';
