import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../functions/catalog';
import { CloudwatchLogGroup, IamRole, IamRolePolicy, LambdaFunction } from './aws';
import { AssetType, TerraformAsset } from './cdktf';
import { MissingBundleError } from './errors';
import { assumeRolePolicy, type PolicyStatement, policyDocument, wildcardOnlyActions } from './iam-policy';
import { terraformId } from './terraform-id';

/** Props for {@link NodeFunction}. */
export interface NodeFunctionProps {
  readonly spec: FunctionSpec;
  /** Deployed name, `<prefix>-<stage>-<name>`; also the log group's and the role's name. */
  readonly functionName: string;
  /** Absolute path of the deterministic zip from `npm run build`. */
  readonly zipPath: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetentionDays: number;
  /** Reserved concurrency; undefined for none (the stack drops reservations the account cannot hold). */
  readonly reservedConcurrency: number | undefined;
  /** Permissions beyond logging and tracing, e.g. SSM reads. */
  readonly statements: readonly PolicyStatement[];
  /** Attach to these subnets and security groups (database functions in managed mode only). */
  readonly vpc?: { readonly subnetIds: string[]; readonly securityGroupIds: string[] };
  /** Run on a Lambda Managed Instances capacity provider instead (then `vpc` and reservations do not apply). */
  readonly managedInstances?: NodeFunctionManagedInstances;
}

/** A function's attachment to a capacity provider. */
export interface NodeFunctionManagedInstances {
  readonly capacityProviderArn: string;
  readonly memoryMb: number;
  readonly memoryGibPerVcpu: number;
  /** PerExecutionEnvironmentMaxConcurrency, written out so readers of the synthesized JSON need no defaults. */
  readonly maxConcurrency: number;
  readonly architecture: string;
}

export const nodeFunctionDefaults = {
  runtime: 'nodejs24.x',
  architecture: 'arm64',
  handler: 'index.handler',
  logFormat: 'JSON',
  applicationLogLevel: 'INFO',
  systemLogLevel: 'INFO',
  tracingMode: 'Active',
} as const;

/**
 * One Lambda function on nodejs24.x/arm64 with its own log group (JSON logs, retention), its own role
 * (logs to that group only, X-Ray, and what `statements` adds), active tracing, and the build's zip as a file asset.
 */
export class NodeFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: CloudwatchLogGroup;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    if (!existsSync(props.zipPath)) {
      throw new MissingBundleError(
        `function "${props.spec.name}": deployment zip ${props.zipPath} does not exist; run \`npm run build\` first`,
      );
    }
    const key = terraformId(props.spec.name);
    // One digest of the zip: hex for the asset's hash, base64 for Lambda's source_code_hash.
    const zipSha256 = createHash('sha256').update(readFileSync(props.zipPath)).digest();

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });
    this.logGroup.overrideLogicalId(`fn_${key}`);

    this.role = new IamRole(this, 'role', {
      name: props.functionName,
      assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'),
    });
    this.role.overrideLogicalId(`fn_${key}`);

    const statements: PolicyStatement[] = [
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [`${this.logGroup.arn}:*`],
      },
      { Sid: 'XRayWriteRequiresWildcard', Effect: 'Allow', Action: [...wildcardOnlyActions.xray], Resource: ['*'] },
      ...(props.vpc
        ? [
            {
              Sid: 'VpcNetworkInterfacesRequireWildcard',
              Effect: 'Allow' as const,
              Action: [...wildcardOnlyActions.vpcNetworkInterfaces],
              Resource: ['*'],
            },
          ]
        : []),
      ...props.statements,
    ];
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'least-privilege',
      role: this.role.id,
      policy: policyDocument(statements),
    });
    policy.overrideLogicalId(`fn_${key}`);

    // FILE, not ARCHIVE: the build's zip is already deterministic, and cdktf's own archiving is not.
    const asset = new TerraformAsset(this, 'bundle', {
      path: props.zipPath,
      type: AssetType.FILE,
      assetHash: zipSha256.toString('hex'),
    });

    const lmi = props.managedInstances;
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      description: props.spec.description,
      role: this.role.arn,
      runtime: nodeFunctionDefaults.runtime,
      architectures: [lmi?.architecture ?? nodeFunctionDefaults.architecture],
      handler: nodeFunctionDefaults.handler,
      filename: asset.path,
      // Lambda reports CodeSha256 and compares source_code_hash as the base64 SHA-256 of the zip.
      sourceCodeHash: zipSha256.toString('base64'),
      memorySize: lmi?.memoryMb ?? props.spec.memoryMb,
      timeout: props.spec.timeoutSeconds,
      reservedConcurrentExecutions: lmi ? undefined : props.reservedConcurrency,
      environment: { variables: { ...props.environment } },
      loggingConfig: {
        logFormat: nodeFunctionDefaults.logFormat,
        logGroup: this.logGroup.name,
        applicationLogLevel: nodeFunctionDefaults.applicationLogLevel,
        systemLogLevel: nodeFunctionDefaults.systemLogLevel,
      },
      tracingConfig: { mode: nodeFunctionDefaults.tracingMode },
      vpcConfig:
        props.vpc && !lmi
          ? { subnetIds: props.vpc.subnetIds, securityGroupIds: props.vpc.securityGroupIds }
          : undefined,
      ...(lmi ? managedInstancesArguments(lmi) : {}),
      // The log group must exist before the first invoke writes to it (or Lambda would create one without retention),
      // and the role's policy before creation (attaching to a VPC checks the ENI permissions at create time).
      dependsOn: [this.logGroup, policy],
    });
    this.function.overrideLogicalId(key);
  }
}

/**
 * The aws_lambda_function arguments of a Managed Instances function. The capacity provider carries the network
 * (its VPC config), so the function has no vpc_config of its own. Lambda runs a published version on the instances,
 * and an unqualified invoke (the HTTP API's integration) runs `$LATEST.PUBLISHED`, so each apply republishes that
 * version rather than numbered ones.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-version-publishing.html
 * https://docs.aws.amazon.com/lambda/latest/api/API_LambdaManagedInstancesCapacityProviderConfig.html
 * https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/resources/lambda_function#capacity_provider_config
 */
function managedInstancesArguments(lmi: NodeFunctionManagedInstances) {
  return {
    publish: true,
    publishTo: 'LATEST_PUBLISHED',
    capacityProviderConfig: {
      lambdaManagedInstancesCapacityProviderConfig: {
        capacityProviderArn: lmi.capacityProviderArn,
        executionEnvironmentMemoryGibPerVcpu: lmi.memoryGibPerVcpu,
        perExecutionEnvironmentMaxConcurrency: lmi.maxConcurrency,
      },
    },
  };
}
