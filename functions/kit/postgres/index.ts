export { type AppPoolOptions, createAppPool } from './app-pool';
export { withFreshClient } from './client';
export { type ConnectionOptions, toClientConfig } from './connection';
export { createReusePool, type PoolStats, type QueryOptions, ReusePool, type ReusePoolOptions } from './pool';
export { type PoolSizeInputs, poolMaxFor, poolMaxFromEnv, poolSizeDefaults } from './pool-size';
export { isConnectionError, withConnectionRetry } from './retry';
export { rdsCertificateAuthorities, sslFor } from './tls';
