export { SecretsFileError, SsmError } from './errors';
export type { LocalSecrets, LocalSecretsOptions } from './local-secrets';
export { loadLocalSecrets, localSecretsDefaults } from './local-secrets';
export type { DeclaredParameter, SeedOptions } from './seed';
export { seedParameters } from './seed';
export type { RunningSsmServer, SsmServerOptions } from './server';
export { ssmServerDefaults, startSsmServer } from './server';
export type { ParameterType, SeedParameter, WireParameter } from './store';
export { ParameterStore, parameterTypes } from './store';
