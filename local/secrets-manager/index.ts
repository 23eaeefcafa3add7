export { resourceNotFound, SecretsManagerError } from './errors';
export type { RunningSecretsManagerServer, SecretsManagerServerOptions } from './server';
export { secretsManagerHandler, secretsManagerServerDefaults, startSecretsManagerServer } from './server';
export type { SeedSecret, WireSecretValue } from './store';
export { SecretStore } from './store';
