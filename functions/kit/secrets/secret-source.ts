import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { InvalidOptionError } from '../errors';
import { redactor as moduleRedactor, type Redactor } from '../redact';
import { type DbCredentials, dbCredentialsFrom } from './credentials';

export interface SecretSourceOptions {
  client: SecretsManagerClient;
  /** The secret's full ARN (or name). GetSecretValue documents `SecretId` as "The ARN or name of the secret". */
  secretId: string;
  redactor: Redactor;
}

export const defaults: Pick<SecretSourceOptions, 'redactor'> = {
  redactor: moduleRedactor,
};

function validate(opts: SecretSourceOptions): SecretSourceOptions {
  if (typeof opts.secretId !== 'string' || opts.secretId.trim() === '')
    throw new InvalidOptionError({
      component: 'SecretSource',
      option: 'secretId',
      value: opts.secretId,
      allowed: 'the ARN or name of a secret',
    });
  return opts;
}

/**
 * Reads one Secrets Manager secret with GetSecretValue (its current version) and splits it into
 * the database credentials. The values are registered with the redactor before they leave this class.
 *
 * @example
 * const source = new SecretSource({ client: new SecretsManagerClient({}), secretId: process.env.DB_SECRET_ARN });
 * const { password } = await source.load();
 */
export class SecretSource {
  private readonly opts: SecretSourceOptions;
  private callCount = 0;

  constructor(options: Pick<SecretSourceOptions, 'client' | 'secretId'> & Partial<SecretSourceOptions>) {
    this.opts = validate({ ...defaults, ...options });
  }

  /** GetSecretValue calls made by this source since it was created. */
  get calls(): number {
    return this.callCount;
  }

  get secretId(): string {
    return this.opts.secretId;
  }

  /** Fetches the secret. Rejects with the SDK's error, or a TypeError when the secret is binary. */
  async load(): Promise<DbCredentials> {
    this.callCount += 1;
    const out = await this.opts.client.send(new GetSecretValueCommand({ SecretId: this.opts.secretId }));
    if (typeof out.SecretString !== 'string' || out.SecretString === '') {
      // RDS-managed secrets are always strings; a binary secret is a misconfiguration, not a password.
      throw new TypeError('the secret has no SecretString (binary secrets are not supported)');
    }
    return dbCredentialsFrom(out.SecretString, this.opts.redactor);
  }
}
