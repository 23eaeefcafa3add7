import { isAbsolute, join, resolve } from 'node:path';
import type { Construct } from 'constructs';
import { type FunctionSpec, functionCatalog } from '../functions/catalog';
import { AppKey, type DecryptingService } from './app-key';
import { AwsProvider, DataAwsCallerIdentity, DataAwsPartition, type LambdaFunction } from './aws';
import { CapacityProvider } from './capacity-provider';
import { Annotations, TerraformOutput, TerraformStack } from './cdktf';
import { type ConcurrencyPlan, planConcurrency, reservationOf } from './concurrency';
import { parameterPath, type StageConfig, stackName } from './config';
import {
  type ConnectionBudget,
  checkConnectionBudget,
  checkLmiConnectionBudget,
  type LmiConnectionBudget,
} from './connection-budget';
import { Database } from './database';
import { HttpApi } from './http-api';
import type { PolicyStatement } from './iam-policy';
import { InstanceNetwork } from './instance-network';
import { lmiFunctionPlan } from './managed-instances';
import { type InterfaceEndpointService, Network } from './network';
import { NodeFunction } from './node-function';
import { type DatabaseParameters, Parameters } from './parameters';
import { configureStateBackend } from './state-backend';

/** Props for {@link LambdaReuseLabStack}. */
export interface LambdaReuseLabStackProps {
  readonly config: StageConfig;
  /** The functions to deploy; the catalog by default (tests pass variants). */
  readonly functions?: readonly FunctionSpec[];
  /** Folder `config.bundlesDir` is resolved against when relative; the repository root by default. */
  readonly rootDir?: string;
}

export const stackDefaults = {
  rootDir: resolve(__dirname, '..'),
  logLevel: 'info',
} as const;

/**
 * The services a VPC function calls, hence the interface endpoints the VPC needs: SSM for a function that reads
 * its parameters, Secrets Manager for a database function (it reads the password with GetSecretValue) and for
 * the RDS Proxy (it reads the same secret).
 */
export function vpcServices(vpcFunctions: readonly FunctionSpec[], proxy: boolean): InterfaceEndpointService[] {
  const services: InterfaceEndpointService[] = [];
  if (vpcFunctions.some((f) => f.usesSsm)) services.push('ssm');
  if (proxy || vpcFunctions.some((f) => f.usesDb)) services.push('secretsmanager');
  return services;
}

/**
 * One stage of the lab: the catalog's functions behind an HTTP API, their SSM parameters, and (managed mode) a
 * private PostgreSQL in its own VPC. Reservations are planned against the account's concurrency quota and the
 * connection budget is checked under that plan first, so an over-committed catalog fails synth before any
 * resource exists, and reservations the account would refuse are never attempted.
 */
export class LambdaReuseLabStack extends TerraformStack {
  readonly concurrency: ConcurrencyPlan;
  /** The classic budget, or (LAMBDA_MODE=managed-instances) the one over the capacity provider's environments. */
  readonly budget: ConnectionBudget | LmiConnectionBudget;
  readonly functions = new Map<string, NodeFunction>();
  readonly api: HttpApi;
  readonly parameters: Parameters;
  readonly database?: Database;
  readonly capacityProvider?: CapacityProvider;

  constructor(scope: Construct, id: string, props: LambdaReuseLabStackProps) {
    super(scope, id);
    const { config } = props;
    const functions = props.functions ?? functionCatalog;
    const name = stackName(config);
    const lmi = config.lambdaMode === 'managed-instances' ? config.lmi : undefined;
    this.concurrency = planConcurrency(functions, config.accountConcurrency);
    const limits = { maxConnections: config.dbMaxConnections, headroom: config.dbConnectionHeadroom };
    this.budget = lmi
      ? checkLmiConnectionBudget(functions, limits, lmi)
      : checkConnectionBudget(functions, { ...limits, concurrency: this.concurrency });
    // Under LMI no reservation is made, so a dropped one is no news.
    if (this.concurrency.droppedBecause && !lmi) Annotations.of(this).addWarning(this.concurrency.droppedBecause);
    configureStateBackend(this, name, config.state);
    const bundlesDir = isAbsolute(config.bundlesDir)
      ? config.bundlesDir
      : resolve(props.rootDir ?? stackDefaults.rootDir, config.bundlesDir);

    new AwsProvider(this, 'aws', {
      region: config.region,
      defaultTags: [{ tags: { app: config.prefix, stage: config.stage, 'managed-by': 'cdktf' } }],
    });
    const account = new DataAwsCallerIdentity(this, 'account');
    const partition = new DataAwsPartition(this, 'partition');
    const arnParts = { region: config.region, accountId: account.accountId, partition: partition.partition };

    const key = new AppKey(this, 'key', { name, region: config.region });

    let network: Network | undefined;
    let dbParameters: DatabaseParameters = { mode: 'external' };
    if (config.dbMode === 'managed') {
      network = new Network(this, 'network', {
        name,
        region: config.region,
        // Under LMI every function runs on the capacity provider's instances in this VPC, not only the db ones.
        interfaceEndpoints: vpcServices(lmi ? functions : functions.filter((f) => f.usesDb), config.dbProxy),
      });
      if (config.dbProxy) network.allowProxy();
      this.database = new Database(this, 'database', {
        ...arnParts,
        name,
        subnetIds: network.subnetIds,
        securityGroupId: network.databaseSecurityGroup.id,
        keyArn: key.key.arn,
        instanceClass: config.dbInstanceClass,
        engineVersion: config.dbEngineVersion,
        disposable: config.stage === 'dev',
        proxy: config.dbProxy,
      });
      dbParameters = {
        mode: 'managed',
        host: this.database.host,
        port: this.database.port,
        database: this.database.databaseName,
        user: this.database.username,
        passwordSecretArn: this.database.secretArn,
      };
    }

    if (lmi) {
      // Managed mode: the instances join the functions' group, which reaches the database and the endpoints.
      // External mode has no VPC, so the capacity provider gets one of its own.
      const placement = network
        ? { subnetIds: network.subnetIds, securityGroupId: network.functionSecurityGroup.id }
        : instancePlacement(new InstanceNetwork(this, 'lmi-network', { name }));
      this.capacityProvider = new CapacityProvider(this, 'capacity-provider', {
        name,
        partition: partition.partition,
        lmi,
        subnetIds: placement.subnetIds,
        securityGroupIds: [placement.securityGroupId],
      });
    }

    this.parameters = new Parameters(this, 'parameters', {
      ...arnParts,
      path: parameterPath(config),
      keyArn: key.key.arn,
      database: dbParameters,
    });

    // The budget holds a share for exactly the database functions, with the poolMax it checked.
    const shares = new Map(this.budget.shares.map((share) => [share.name, share]));
    const routed: { spec: FunctionSpec; function: LambdaFunction }[] = [];
    for (const spec of functions) {
      const environment: Record<string, string> = { LOG_LEVEL: stackDefaults.logLevel };
      const statements: PolicyStatement[] = [];
      const decryptsThrough: DecryptingService[] = [];
      if (spec.usesSsm) {
        environment.CONFIG_PATH = this.parameters.path;
        statements.push(...this.parameters.readStatements());
        decryptsThrough.push('ssm');
      }
      const plan = lmi ? lmiFunctionPlan(spec, lmi) : undefined;
      // Only when the config asks for a count: the local runtime and Lambda then read it from the environment.
      if (plan?.workerCountEnv !== undefined) environment.AWS_LAMBDA_NODEJS_WORKER_COUNT = plan.workerCountEnv;
      const dbShare = shares.get(spec.name);
      if (dbShare) {
        environment.DB_POOL_MAX = String(dbShare.poolMax);
        if (this.database) {
          // The kit reads the password with GetSecretValue(SecretId = this ARN), which AWS documents; the ARN
          // is not a secret, and an env var spares a lookup before the first connection.
          environment.DB_SECRET_ARN = this.database.secretArn;
          statements.push(...this.database.readSecretStatements());
          decryptsThrough.push('secretsmanager');
        }
      }
      if (decryptsThrough.length > 0) statements.push(key.decryptStatement(decryptsThrough));
      const fn = new NodeFunction(this, `fn-${spec.name}`, {
        spec,
        functionName: `${name}-${spec.name}`,
        zipPath: join(bundlesDir, `${spec.name}.zip`),
        environment,
        logRetentionDays: config.logRetentionDays,
        reservedConcurrency: reservationOf(spec, this.concurrency),
        statements,
        vpc:
          dbShare && network && !lmi
            ? { subnetIds: network.subnetIds, securityGroupIds: [network.functionSecurityGroup.id] }
            : undefined,
        managedInstances:
          plan && lmi && this.capacityProvider
            ? {
                capacityProviderArn: this.capacityProvider.provider.arn,
                memoryMb: plan.memoryMb,
                memoryGibPerVcpu: lmi.memoryGibPerVcpu,
                maxConcurrency: plan.maxConcurrency,
                architecture: lmi.architecture,
              }
            : undefined,
      });
      this.functions.set(spec.name, fn);
      routed.push({ spec, function: fn.function });
    }

    this.api = new HttpApi(this, 'http-api', {
      name,
      logRetentionDays: config.logRetentionDays,
      functions: routed,
      throttle: { rateLimit: config.apiThrottleRate, burstLimit: config.apiThrottleBurst },
    });

    // Names, ARNs and paths only: nothing here is a secret, and a test holds it to that.
    new TerraformOutput(this, 'api-url', {
      value: this.api.stage.invokeUrl,
      description: 'Base URL of the HTTP API',
    }).overrideLogicalId('api_url');
    new TerraformOutput(this, 'functions-output', {
      description: 'Deployed function names and ARNs by short name',
      value: Object.fromEntries(
        [...this.functions].map(([short, fn]) => [short, { name: fn.function.functionName, arn: fn.function.arn }]),
      ),
    }).overrideLogicalId('functions');
    new TerraformOutput(this, 'parameter-path', {
      value: this.parameters.path,
      description: 'SSM path of the app parameters (the functions CONFIG_PATH)',
    }).overrideLogicalId('parameter_path');
    new TerraformOutput(this, 'db-mode', { value: config.dbMode }).overrideLogicalId('db_mode');
    if (this.capacityProvider) {
      new TerraformOutput(this, 'capacity-provider-output', {
        value: this.capacityProvider.provider.arn,
        description: 'ARN of the Lambda Managed Instances capacity provider',
      }).overrideLogicalId('capacity_provider');
    }
  }
}

function instancePlacement(network: InstanceNetwork): { subnetIds: string[]; securityGroupId: string } {
  return { subnetIds: network.subnetIds, securityGroupId: network.securityGroup.id };
}
