import { Construct } from 'constructs';
import { SsmParameter } from './aws';
import { type PolicyStatement, ssmParameterArn } from './iam-policy';
import { terraformId } from './terraform-id';

/** Where the database settings come from, as the Parameters construct writes them. */
export type DatabaseParameters =
  | {
      readonly mode: 'managed';
      readonly host: string;
      readonly port: string;
      readonly database: string;
      readonly user: string;
      /**
       * ARN of the secret RDS keeps the master password in. The functions get it as DB_SECRET_ARN and call
       * Secrets Manager themselves; the parameter names it for people and tools.
       */
      readonly passwordSecretArn: string;
    }
  | { readonly mode: 'external' };

/** Props for {@link Parameters}. */
export interface ParametersProps {
  /** `/<prefix>/<stage>/`, ending in `/`. */
  readonly path: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  /** The customer-managed key SecureStrings are encrypted with. */
  readonly keyArn: string;
  readonly database: DatabaseParameters;
}

/** The sslmode the functions use for the managed database: encrypted, and the server's certificate checked. */
export const MANAGED_DB_SSL = 'verify-full';

export const parametersDefaults = {
  appMessage: 'Hello from the lambda-reuse-lab',
  featureFlags: 'reuse-demo',
  // Not a secret and obviously not one: real values are written out of band and never enter Terraform config or state.
  secureStringPlaceholder: 'PLACEHOLDER: set the real value with aws ssm put-parameter --overwrite',
  // Bumping it makes Terraform write the placeholder again, over whatever was put there out of band.
  secureStringPlaceholderVersion: 1,
} as const;

/**
 * The app's SSM parameters under `/<prefix>/<stage>/` (names from the team contract). Strings are owned by
 * Terraform. SecureStrings are created with a placeholder through the write-only `value_wo` (Terraform >= 1.11):
 * the provider sends it once and never stores or reads a value back, so the real value, set later with
 * `aws ssm put-parameter --overwrite`, never reaches Terraform state. (With `value` and `ignore_changes`, every
 * refresh would read the decrypted real value into state.)
 */
export class Parameters extends Construct {
  /** Parameter resources by their name relative to the path, e.g. `app/message`. */
  readonly parameters = new Map<string, SsmParameter>();
  readonly path: string;
  private readonly props: ParametersProps;

  constructor(scope: Construct, id: string, props: ParametersProps) {
    super(scope, id);
    this.path = props.path;
    this.props = props;
    this.string('app/message', parametersDefaults.appMessage, 'Greeting the config functions serve');
    this.string('app/feature-flags', parametersDefaults.featureFlags, 'Comma-separated feature flags');
    const db = props.database;
    if (db.mode === 'managed') {
      this.string('db/host', db.host, 'Database host name');
      this.string('db/port', db.port, 'Database port');
      this.string('db/database', db.database, 'Database name');
      this.string('db/user', db.user, 'Database user');
      // RDS for PostgreSQL 15+ defaults to rds.force_ssl=1; the kit checks the certificate against the RDS CA
      // bundle it ships, so a host that is not the instance (or the proxy) is refused.
      this.string('db/ssl', MANAGED_DB_SSL, 'sslmode: verify-full, require (no certificate check) or disable');
      this.string(
        'db/password-secret-id',
        db.passwordSecretArn,
        'Secrets Manager secret holding the database password (RDS-managed)',
      );
    } else {
      this.secureString('db/url', 'Full PostgreSQL connection string; set out of band');
    }
  }

  /** The ARN of the path itself and of everything under it. */
  pathArns(): string[] {
    const base = ssmParameterArn(this.props, this.path.replace(/\/$/, ''));
    return [base, `${base}/*`];
  }

  /**
   * What a function needs to read this stage's parameters and nothing else. Decrypting SecureStrings is granted
   * with the stage key (AppKey.decryptStatement), once per function for every service it reads through.
   */
  readStatements(): PolicyStatement[] {
    return [
      {
        Sid: 'ReadAppParameters',
        Effect: 'Allow',
        Action: ['ssm:GetParametersByPath', 'ssm:GetParameter', 'ssm:GetParameters'],
        Resource: this.pathArns(),
      },
    ];
  }

  private string(name: string, value: string, description: string): void {
    const p = new SsmParameter(this, name, { name: `${this.path}${name}`, type: 'String', value, description });
    p.overrideLogicalId(terraformId(name));
    this.parameters.set(name, p);
  }

  private secureString(name: string, description: string): void {
    const p = new SsmParameter(this, name, {
      name: `${this.path}${name}`,
      type: 'SecureString',
      keyId: this.props.keyArn,
      valueWo: parametersDefaults.secureStringPlaceholder,
      valueWoVersion: parametersDefaults.secureStringPlaceholderVersion,
      description,
    });
    p.overrideLogicalId(terraformId(name));
    this.parameters.set(name, p);
  }
}
