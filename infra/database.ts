import { Construct } from 'constructs';
import {
  DbInstance,
  DbProxy,
  DbProxyDefaultTargetGroup,
  DbProxyTarget,
  DbSubnetGroup,
  IamRole,
  IamRolePolicy,
} from './aws';
import { Fn, Token } from './cdktf';
import { assumeRolePolicy, type PolicyStatement, policyDocument } from './iam-policy';

/** Props for {@link Database}. */
export interface DatabaseProps {
  /** `<prefix>-<stage>`: the instance identifier. */
  readonly name: string;
  readonly region: string;
  readonly subnetIds: string[];
  readonly securityGroupId: string;
  /** The stage's customer key; RDS encrypts the master-user secret with it. */
  readonly keyArn: string;
  readonly instanceClass: string;
  readonly engineVersion: string;
  /** A throwaway stage (`dev`): no deletion protection, no final snapshot, changes applied at once. */
  readonly disposable: boolean;
  readonly proxy: boolean;
}

export const databaseDefaults = {
  databaseName: 'lab',
  username: 'lab_admin',
  allocatedStorageGb: 20,
  storageType: 'gp3',
  port: 5432,
  backupRetentionDays: { disposable: 1, kept: 7 },
  proxyMaxConnectionsPercent: 90,
  // Snapshot identifiers allow letters, digits and single hyphens; a UTC timestamp keeps each one unique.
  finalSnapshotTimestampFormat: 'YYYYMMDDhhmmss',
} as const;

/**
 * The final snapshot's name, unique per instance: `<name>-final-<UTC creation time>`. A fixed name makes the
 * second destroy of a kept stage fail with DBSnapshotAlreadyExists, since the first one's snapshot is still
 * there. Terraform evaluates timestamp() at every plan, so the instance ignores later changes to the
 * attribute: it keeps the name it was created with, and a re-created instance gets a new one.
 */
export function finalSnapshotIdentifier(name: string): string {
  return `${name}-final-${Fn.formatdate(databaseDefaults.finalSnapshotTimestampFormat, Fn.timestamp())}`;
}

/**
 * A private, encrypted RDS for PostgreSQL instance whose master password RDS generates and keeps in Secrets Manager
 * (manage_master_user_password), so it is never in Terraform config or state. Optionally an RDS Proxy in front.
 */
export class Database extends Construct {
  readonly instance: DbInstance;
  readonly proxy?: DbProxy;
  /** Where the functions connect: the proxy's endpoint when there is one, else the instance's address. */
  readonly host: string;
  readonly port: string;
  readonly databaseName = databaseDefaults.databaseName;
  readonly username = databaseDefaults.username;
  /** ARN of the RDS-managed secret holding the master password. */
  readonly secretArn: string;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const subnetGroup = new DbSubnetGroup(this, 'subnets', { name: props.name, subnetIds: props.subnetIds });
    subnetGroup.overrideLogicalId('main');

    this.instance = new DbInstance(this, 'instance', {
      identifier: props.name,
      engine: 'postgres',
      engineVersion: props.engineVersion,
      instanceClass: props.instanceClass,
      allocatedStorage: databaseDefaults.allocatedStorageGb,
      storageType: databaseDefaults.storageType,
      storageEncrypted: true,
      dbName: databaseDefaults.databaseName,
      username: databaseDefaults.username,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.keyArn,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [props.securityGroupId],
      publiclyAccessible: false,
      multiAz: false,
      port: databaseDefaults.port,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      backupRetentionPeriod: props.disposable
        ? databaseDefaults.backupRetentionDays.disposable
        : databaseDefaults.backupRetentionDays.kept,
      deletionProtection: !props.disposable,
      skipFinalSnapshot: props.disposable,
      finalSnapshotIdentifier: props.disposable ? undefined : finalSnapshotIdentifier(props.name),
      applyImmediately: props.disposable,
      lifecycle: props.disposable ? undefined : { ignoreChanges: ['final_snapshot_identifier'] },
    });
    this.instance.overrideLogicalId('main');
    this.secretArn = this.instance.masterUserSecret.get(0).secretArn;
    this.host = this.instance.address;
    this.port = Token.asString(this.instance.port);

    if (props.proxy) {
      const role = new IamRole(this, 'proxy-role', {
        name: `${props.name}-rds-proxy`,
        assumeRolePolicy: assumeRolePolicy('rds.amazonaws.com'),
      });
      role.overrideLogicalId('rds_proxy');
      const policy = new IamRolePolicy(this, 'proxy-policy', {
        name: 'read-database-secret',
        role: role.id,
        policy: policyDocument([
          this.readSecretStatement(),
          {
            Sid: 'DecryptDatabaseSecret',
            Effect: 'Allow',
            Action: ['kms:Decrypt'],
            Resource: [props.keyArn],
            Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${props.region}.amazonaws.com` } },
          },
        ]),
      });
      policy.overrideLogicalId('rds_proxy');
      this.proxy = new DbProxy(this, 'proxy', {
        name: props.name,
        engineFamily: 'POSTGRESQL',
        roleArn: role.arn,
        vpcSubnetIds: props.subnetIds,
        vpcSecurityGroupIds: [props.securityGroupId],
        requireTls: true,
        auth: [
          {
            authScheme: 'SECRETS',
            secretArn: this.secretArn,
            iamAuth: 'DISABLED',
            clientPasswordAuthType: 'POSTGRES_SCRAM_SHA_256',
          },
        ],
        dependsOn: [policy],
      });
      this.proxy.overrideLogicalId('main');
      const targetGroup = new DbProxyDefaultTargetGroup(this, 'proxy-target-group', {
        dbProxyName: this.proxy.name,
        connectionPoolConfig: { maxConnectionsPercent: databaseDefaults.proxyMaxConnectionsPercent },
      });
      targetGroup.overrideLogicalId('main');
      new DbProxyTarget(this, 'proxy-target', {
        dbProxyName: this.proxy.name,
        targetGroupName: targetGroup.name,
        dbInstanceIdentifier: this.instance.identifier,
      }).overrideLogicalId('main');
      this.host = this.proxy.endpoint;
    }
  }

  /**
   * What a function needs to read the password: GetSecretValue on this one secret, with its ARN (DB_SECRET_ARN).
   * The secret is encrypted with the stage key, so the function also needs the key's decrypt through
   * Secrets Manager (AppKey.decryptStatement(['secretsmanager'])).
   */
  readSecretStatements(): PolicyStatement[] {
    return [this.readSecretStatement()];
  }

  /** GetSecretValue on this database's secret only; the proxy's role and the functions' roles both need it. */
  private readSecretStatement(): PolicyStatement {
    return {
      Sid: 'ReadDatabaseSecret',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: [this.secretArn],
    };
  }
}
