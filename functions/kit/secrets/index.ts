export { type DbCredentials, dbCredentialsFrom } from './credentials';
export { DB_SECRET_ARN, DbSecret, type DbSecretOptions, loadDbSecretOnce, startDbSecret } from './db-secret';
export { dbSettingsWith } from './db-settings';
export { DbSecretUnavailableError } from './errors';
export { SecretSource, type SecretSourceOptions } from './secret-source';
