import { SSMClient } from '@aws-sdk/client-ssm';

/** A real SDK client pointed at a local endpoint, with dummy credentials (signatures are not checked locally). */
export const localSsmClient = (endpoint: string, region = 'eu-west-1'): SSMClient =>
  new SSMClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret-key' },
    maxAttempts: 1,
  });
