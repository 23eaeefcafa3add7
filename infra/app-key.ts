import { Construct } from 'constructs';
import { KmsAlias, KmsKey } from './aws';
import type { PolicyStatement } from './iam-policy';

/** Props for {@link AppKey}. */
export interface AppKeyProps {
  /** `<prefix>-<stage>`; the alias is `alias/<name>`. */
  readonly name: string;
  readonly region: string;
}

/** AWS services that decrypt with the stage key on a function's behalf. */
export type DecryptingService = 'ssm' | 'secretsmanager';

export const appKeyDefaults = {
  deletionWindowInDays: 7,
  enableKeyRotation: true,
} as const;

/**
 * The stage's customer-managed KMS key. SecureString parameters and the database's master-user secret are
 * encrypted with it, so a function's kms:Decrypt can name this one key instead of every key in the account.
 * No key policy is given: AWS's default lets the account's IAM policies grant use, which is what the roles do.
 */
export class AppKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: AppKeyProps) {
    super(scope, id);
    this.region = props.region;
    this.key = new KmsKey(this, 'key', {
      description: `${props.name}: SecureString parameters and the database master-user secret`,
      deletionWindowInDays: appKeyDefaults.deletionWindowInDays,
      enableKeyRotation: appKeyDefaults.enableKeyRotation,
    });
    this.key.overrideLogicalId('app');
    this.alias = new KmsAlias(this, 'alias', { name: `alias/${props.name}`, targetKeyId: this.key.keyId });
    this.alias.overrideLogicalId('app');
  }

  /**
   * kms:Decrypt with this key only, and only when one of `services` asks on the caller's behalf: SSM for
   * SecureStrings, Secrets Manager for the database secret. The functions never call KMS themselves.
   *
   * @example
   * key.decryptStatement(['ssm', 'secretsmanager']);
   */
  decryptStatement(services: readonly DecryptingService[]): PolicyStatement {
    return {
      Sid: 'DecryptWithStageKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [this.key.arn],
      Condition: { StringEquals: { 'kms:ViaService': services.map((s) => `${s}.${this.region}.amazonaws.com`) } },
    };
  }
}
