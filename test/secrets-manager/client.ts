import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** A real SDK client pointed at a local endpoint, with dummy credentials (signatures are not checked locally). */
export const localSecretsManagerClient = (endpoint: string, region = 'us-east-1'): SecretsManagerClient =>
  new SecretsManagerClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret-key' },
    maxAttempts: 1,
  });
