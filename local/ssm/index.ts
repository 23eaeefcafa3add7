export { startSsmServer, ssmServerDefaults } from './server';
export type { RunningSsmServer, SsmServerOptions } from './server';
export { ParameterStore, parameterTypes } from './store';
export type { ParameterType, SeedParameter, WireParameter } from './store';
export { loadLocalSecrets, localSecretsDefaults } from './local-secrets';
export type { LocalSecrets, LocalSecretsOptions } from './local-secrets';
export { seedParameters } from './seed';
export type { DeclaredParameter, SeedOptions } from './seed';
export { SecretsFileError, SsmError, SsmOptionsError } from './errors';
