import { rdsPostgresMaxConnections } from './connection-budget';
import { StageConfigError } from './errors';
import type { LmiConfig } from './managed-instances';

export type { LmiConfig } from './managed-instances';

/** Where the database comes from. */
export type DbMode = 'managed' | 'external';

/**
 * How the functions run. `classic`: Lambda's default, one request per execution environment at a time.
 * `managed-instances`: Lambda Managed Instances, every function attached to one capacity provider whose EC2
 * instances Lambda manages, one environment serving many requests at once.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html
 */
export type LambdaMode = 'classic' | 'managed-instances';

/** Everything one stage's stack is built from. */
export interface StageConfig {
  /** Short stage name (`dev`, `prod`); part of every resource name. */
  readonly stage: string;
  readonly region: string;
  /** Name prefix of every resource and of the SSM path. */
  readonly prefix: string;
  /**
   * `managed`: a private RDS PostgreSQL in its own VPC, password kept by RDS in Secrets Manager.
   * `external`: no database resources; the user puts a connection string into the `db/url` SecureString.
   */
  readonly dbMode: DbMode;
  /** max_connections of the database the budget is checked against. */
  readonly dbMaxConnections: number;
  /** Connections kept free of the functions' share. */
  readonly dbConnectionHeadroom: number;
  readonly dbInstanceClass: string;
  /** PostgreSQL major version for RDS; RDS picks the current minor. */
  readonly dbEngineVersion: string;
  /** Put an RDS Proxy between the functions and the database (managed mode only). */
  readonly dbProxy: boolean;
  readonly logRetentionDays: number;
  /** Folder holding `<name>.zip` from `npm run build`; relative paths resolve against the repository root. */
  readonly bundlesDir: string;
  /**
   * The Lambda concurrency quota of the account in this region (GetAccountSettings' ConcurrentExecutions).
   * Reservations are made only when they fit it; `npm run preflight` reads the real figure.
   */
  readonly accountConcurrency: number;
  /** Steady requests per second the HTTP API's default route accepts before answering 429. */
  readonly apiThrottleRate: number;
  /** Requests the HTTP API's default route accepts at once above the steady rate (token bucket size). */
  readonly apiThrottleBurst: number;
  /** Where Terraform keeps the stack's state: a local file by default, or an encrypted S3 object. */
  readonly state: StateConfig;
  /** Classic Lambda (the default) or Lambda Managed Instances. */
  readonly lambdaMode: LambdaMode;
  /** The Managed Instances settings; undefined in classic mode. */
  readonly lmi?: LmiConfig;
}

/** Where the stack's Terraform state lives. */
export type StateConfig =
  | { readonly backend: 'local' }
  | {
      readonly backend: 's3';
      readonly bucket: string;
      /** The bucket's region; the stage's region when unset. */
      readonly region: string;
      /** Object key prefix; the key is `<prefix><stack>/terraform.tfstate`. */
      readonly keyPrefix: string;
    };

/** Raw inputs: environment variables first, then cdktf context (`cdktf.json` "context" or `--context`). */
export interface StageConfigSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly context: (key: string) => unknown;
}

export const stageDefaults = {
  stage: 'dev',
  region: 'us-east-1',
  prefix: 'lambda-reuse-lab',
  // managed is the default because it is what the project demonstrates end to end on AWS: a private database,
  // a password Terraform never sees, and a connection budget checked against a known max_connections.
  dbMode: 'managed' as DbMode,
  // Used in external mode only; managed mode takes max_connections from the instance class.
  externalDbMaxConnections: 100,
  dbConnectionHeadroom: 10,
  // Smallest Graviton class.
  dbInstanceClass: 'db.t4g.micro',
  dbEngineVersion: '17',
  dbProxy: false,
  logRetentionDays: 14,
  bundlesDir: 'dist/functions',
  // Lambda's default quota. New accounts start lower (10 or 50 are reported); set ACCOUNT_CONCURRENCY to match.
  accountConcurrency: 1000,
  // Enough for the demo and the benchmark's defaults, low enough that a stranger cannot run up the bill
  // (POST /db writes rows). Both are always set: an omitted limit in the block is applied as 0.
  apiThrottleRate: 50,
  apiThrottleBurst: 100,
  stateKeyPrefix: '',
  lambdaMode: 'classic' as LambdaMode,
  lmi: {
    // Enough for every catalog function's three minimum environments of 1 vCPU (7 functions × 3 = 21), with 3 to
    // scale into; the connection budget below is computed from it.
    maxVcpus: 24,
    // AWS: "The minimum supported function size is 2GB and 1 vCPU."
    // https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-best-practices.html
    memoryMb: 2048,
    memoryGibPerVcpu: 2,
    architecture: 'arm64' as LmiConfig['architecture'],
    instanceTypes: [] as readonly string[],
    // AWS's Node.js default: 64 concurrent requests per vCPU, here for the default 1-vCPU environment, written out.
    // https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html
    maxConcurrency: 64,
    // Small enough for the default database (db.t4g.micro, 81 connections); see infra/connection-budget.ts.
    dbMaxConcurrency: 4,
    workerCount: 'vcpus' as LmiConfig['workerCount'],
  },
} as const;

// API Gateway's default account-level throttle per region: 10,000 requests per second, burst 5,000.
// A stage's default route limits cannot exceed it.
const API_THROTTLE_MAX = { rate: 10_000, burst: 5_000 };

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

// Retention values CloudWatch Logs accepts.
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

function read(sources: StageConfigSources, envName: string, contextKey: string): string | undefined {
  const fromEnv = sources.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const fromContext = sources.context(contextKey);
  if (fromContext === undefined || fromContext === null || fromContext === '') return undefined;
  return String(fromContext);
}

function fail(option: string, value: unknown, allowed: string): never {
  throw new StageConfigError(option, value, allowed);
}

function integer(option: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) fail(option, raw, `an integer in ${min}..${max}`);
  return n;
}

function flag(option: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  return fail(option, raw, 'one of 1, true, yes, 0, false, no');
}

/**
 * Reads and validates the stage configuration once. Env vars win over cdktf context; both fall back to
 * {@link stageDefaults}. `STAGE` may list several stages (`dev,prod`): one stack each.
 *
 * Env / context: STAGE / stage, AWS_REGION / region, APP_PREFIX / prefix, DB_MODE / dbMode,
 * DB_MAX_CONNECTIONS / dbMaxConnections, DB_CONNECTION_HEADROOM / dbConnectionHeadroom,
 * DB_INSTANCE_CLASS / dbInstanceClass, DB_ENGINE_VERSION / dbEngineVersion, DB_PROXY / dbProxy,
 * LOG_RETENTION_DAYS / logRetentionDays, BUNDLES_DIR / bundlesDir, ACCOUNT_CONCURRENCY / accountConcurrency,
 * API_THROTTLE_RATE / apiThrottleRate, API_THROTTLE_BURST / apiThrottleBurst, STATE_BUCKET / stateBucket,
 * STATE_REGION / stateRegion, STATE_KEY_PREFIX / stateKeyPrefix, LAMBDA_MODE / lambdaMode.
 *
 * `LAMBDA_MODE` is `classic` (default) or `managed-instances`. The LMI settings apply to managed-instances only
 * (set in classic mode they fail); defaults in {@link stageDefaults}.lmi:
 * - LMI_MAX_VCPUS / lmiMaxVcpus (24; 2..15000): the capacity provider's max vCPU count.
 * - LMI_MEMORY_MB / lmiMemoryMb (2048; 2048..32768): every function's memory, a multiple of GiB-per-vCPU × 1024.
 * - LMI_MEMORY_GIB_PER_VCPU / lmiMemoryGibPerVcpu (2; 2..8): memory per vCPU of an environment.
 * - LMI_ARCHITECTURE / lmiArchitecture (arm64; or x86_64): the instances' and the functions' architecture.
 * - LMI_INSTANCE_TYPES / lmiInstanceTypes (empty: Lambda chooses): comma list of allowed EC2 instance types.
 * - LMI_MAX_CONCURRENCY / lmiMaxConcurrency (64; 1..1600): per-environment max concurrency, non-database functions.
 * - LMI_DB_MAX_CONCURRENCY / lmiDbMaxConcurrency (4; 1..1600): the same for the database functions.
 * - LMI_WORKER_COUNT / lmiWorkerCount (vcpus; runtime; 1..1024): AWS_LAMBDA_NODEJS_WORKER_COUNT, one per vCPU,
 *   unset (the runtime decides), or this number.
 *
 * @example
 * const configs = resolveStageConfigs({ env: process.env, context: (k) => app.node.tryGetContext(k) });
 */
export function resolveStageConfigs(sources: StageConfigSources): StageConfig[] {
  const stages = (read(sources, 'STAGE', 'stage') ?? stageDefaults.stage).split(',').map((s) => s.trim());
  const region = read(sources, 'AWS_REGION', 'region') ?? stageDefaults.region;
  const prefix = read(sources, 'APP_PREFIX', 'prefix') ?? stageDefaults.prefix;
  const dbMode = read(sources, 'DB_MODE', 'dbMode') ?? stageDefaults.dbMode;
  const dbInstanceClass = read(sources, 'DB_INSTANCE_CLASS', 'dbInstanceClass') ?? stageDefaults.dbInstanceClass;
  const dbEngineVersion = read(sources, 'DB_ENGINE_VERSION', 'dbEngineVersion') ?? stageDefaults.dbEngineVersion;
  const bundlesDir = read(sources, 'BUNDLES_DIR', 'bundlesDir') ?? stageDefaults.bundlesDir;

  for (const stage of stages) {
    if (!/^[a-z][a-z0-9]{0,11}$/.test(stage))
      fail('STAGE', stage, '1-12 lower-case letters or digits, starting with a letter');
  }
  if (new Set(stages).size !== stages.length) fail('STAGE', stages.join(','), 'a list without repeats');
  if (!REGION.test(region)) fail('AWS_REGION', region, 'an AWS region name such as us-east-1');
  if (!/^[a-z][a-z0-9-]{0,23}$/.test(prefix) || prefix.endsWith('-')) {
    fail(
      'APP_PREFIX',
      prefix,
      '1-24 lower-case letters, digits or hyphens, starting with a letter, not ending with a hyphen',
    );
  }
  if (dbMode !== 'managed' && dbMode !== 'external') fail('DB_MODE', dbMode, 'managed or external');
  if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(dbInstanceClass))
    fail('DB_INSTANCE_CLASS', dbInstanceClass, 'an RDS class such as db.t4g.micro');
  if (!/^\d+(\.\d+)?$/.test(dbEngineVersion))
    fail('DB_ENGINE_VERSION', dbEngineVersion, 'a PostgreSQL version such as 17 or 17.4');

  const rawMax = read(sources, 'DB_MAX_CONNECTIONS', 'dbMaxConnections');
  let dbMaxConnections: number;
  if (rawMax !== undefined) {
    dbMaxConnections = integer('DB_MAX_CONNECTIONS', rawMax, 0, 1, 262143);
  } else if (dbMode === 'external') {
    dbMaxConnections = stageDefaults.externalDbMaxConnections;
  } else {
    const known = rdsPostgresMaxConnections[dbInstanceClass];
    if (known === undefined) {
      fail(
        'DB_MAX_CONNECTIONS',
        rawMax,
        `set for instance class ${dbInstanceClass} (known classes: ${Object.keys(rdsPostgresMaxConnections).join(', ')})`,
      );
    }
    dbMaxConnections = known;
  }
  const dbConnectionHeadroom = integer(
    'DB_CONNECTION_HEADROOM',
    read(sources, 'DB_CONNECTION_HEADROOM', 'dbConnectionHeadroom'),
    stageDefaults.dbConnectionHeadroom,
    0,
    262143,
  );
  const dbProxy = flag('DB_PROXY', read(sources, 'DB_PROXY', 'dbProxy'), stageDefaults.dbProxy);
  if (dbProxy && dbMode !== 'managed')
    fail('DB_PROXY', 'true', 'false when DB_MODE is external (the proxy fronts the managed database)');
  const logRetentionDays = integer(
    'LOG_RETENTION_DAYS',
    read(sources, 'LOG_RETENTION_DAYS', 'logRetentionDays'),
    stageDefaults.logRetentionDays,
    1,
    3653,
  );
  if (!RETENTION_DAYS.includes(logRetentionDays))
    fail('LOG_RETENTION_DAYS', logRetentionDays, `one of ${RETENTION_DAYS.join(', ')}`);
  const accountConcurrency = integer(
    'ACCOUNT_CONCURRENCY',
    read(sources, 'ACCOUNT_CONCURRENCY', 'accountConcurrency'),
    stageDefaults.accountConcurrency,
    1,
    1_000_000,
  );
  const apiThrottleRate = integer(
    'API_THROTTLE_RATE',
    read(sources, 'API_THROTTLE_RATE', 'apiThrottleRate'),
    stageDefaults.apiThrottleRate,
    1,
    API_THROTTLE_MAX.rate,
  );
  const apiThrottleBurst = integer(
    'API_THROTTLE_BURST',
    read(sources, 'API_THROTTLE_BURST', 'apiThrottleBurst'),
    stageDefaults.apiThrottleBurst,
    1,
    API_THROTTLE_MAX.burst,
  );
  const state = stateConfig(sources, region);
  const lambdaMode = read(sources, 'LAMBDA_MODE', 'lambdaMode') ?? stageDefaults.lambdaMode;
  if (lambdaMode !== 'classic' && lambdaMode !== 'managed-instances')
    fail('LAMBDA_MODE', lambdaMode, 'classic or managed-instances');
  const lmi = lmiConfig(sources, lambdaMode);

  return stages.map((stage) => ({
    stage,
    region,
    prefix,
    dbMode: dbMode as DbMode,
    dbMaxConnections,
    dbConnectionHeadroom,
    dbInstanceClass,
    dbEngineVersion,
    dbProxy,
    logRetentionDays,
    bundlesDir,
    accountConcurrency,
    apiThrottleRate,
    apiThrottleBurst,
    state,
    lambdaMode,
    ...(lmi ? { lmi } : {}),
  }));
}

/** The LMI_* options: env var, context key. */
const LMI_OPTIONS = {
  maxVcpus: ['LMI_MAX_VCPUS', 'lmiMaxVcpus'],
  memoryMb: ['LMI_MEMORY_MB', 'lmiMemoryMb'],
  memoryGibPerVcpu: ['LMI_MEMORY_GIB_PER_VCPU', 'lmiMemoryGibPerVcpu'],
  architecture: ['LMI_ARCHITECTURE', 'lmiArchitecture'],
  instanceTypes: ['LMI_INSTANCE_TYPES', 'lmiInstanceTypes'],
  maxConcurrency: ['LMI_MAX_CONCURRENCY', 'lmiMaxConcurrency'],
  dbMaxConcurrency: ['LMI_DB_MAX_CONCURRENCY', 'lmiDbMaxConcurrency'],
  workerCount: ['LMI_WORKER_COUNT', 'lmiWorkerCount'],
} as const satisfies Record<keyof LmiConfig, readonly [string, string]>;

function lmiConfig(sources: StageConfigSources, mode: LambdaMode): LmiConfig | undefined {
  const raw = Object.fromEntries(
    Object.entries(LMI_OPTIONS).map(([key, [env, ctx]]) => [key, read(sources, env, ctx)]),
  ) as Record<keyof LmiConfig, string | undefined>;
  if (mode === 'classic') {
    // An LMI setting in classic mode would be silently ignored; say so instead.
    for (const [key, [env]] of Object.entries(LMI_OPTIONS)) {
      const value = raw[key as keyof LmiConfig];
      if (value !== undefined) fail(env, value, 'unset unless LAMBDA_MODE is managed-instances');
    }
    return undefined;
  }
  const d = stageDefaults.lmi;
  // Ranges from the Lambda API: MaxVCpuCount 2..15000, ExecutionEnvironmentMemoryGiBPerVCpu 2.0..8.0,
  // PerExecutionEnvironmentMaxConcurrency 1..1600.
  // https://docs.aws.amazon.com/lambda/latest/api/API_CapacityProviderScalingConfig.html
  // https://docs.aws.amazon.com/lambda/latest/api/API_LambdaManagedInstancesCapacityProviderConfig.html
  const maxVcpus = integer('LMI_MAX_VCPUS', raw.maxVcpus, d.maxVcpus, 2, 15_000);
  // 2048 is AWS's minimum function size for LMI (best-practices page above); 32768 MB is the largest memory
  // size the Terraform provider documents for a function.
  const memoryMb = integer('LMI_MEMORY_MB', raw.memoryMb, d.memoryMb, 2048, 32_768);
  let memoryGibPerVcpu: number = d.memoryGibPerVcpu;
  if (raw.memoryGibPerVcpu !== undefined) {
    memoryGibPerVcpu = Number(raw.memoryGibPerVcpu);
    if (!Number.isFinite(memoryGibPerVcpu) || memoryGibPerVcpu < 2 || memoryGibPerVcpu > 8)
      fail('LMI_MEMORY_GIB_PER_VCPU', raw.memoryGibPerVcpu, 'a number in 2..8 (GiB of memory per vCPU)');
  }
  // The connection budget counts environments in whole vCPUs; AWS does not say whether a fraction is accepted,
  // so the stack asks for memory that divides into whole vCPUs.
  const vcpus = memoryMb / 1024 / memoryGibPerVcpu;
  if (!Number.isInteger(vcpus) || vcpus < 1)
    fail(
      'LMI_MEMORY_MB',
      memoryMb,
      `a multiple of ${memoryGibPerVcpu * 1024} (LMI_MEMORY_GIB_PER_VCPU ${memoryGibPerVcpu} GiB × a whole number of vCPUs)`,
    );
  const architecture = raw.architecture ?? d.architecture;
  if (architecture !== 'arm64' && architecture !== 'x86_64') fail('LMI_ARCHITECTURE', architecture, 'arm64 or x86_64');
  const instanceTypes =
    raw.instanceTypes === undefined ? d.instanceTypes : raw.instanceTypes.split(',').map((t) => t.trim());
  for (const type of instanceTypes) {
    if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(type))
      fail('LMI_INSTANCE_TYPES', raw.instanceTypes, 'a comma list of EC2 instance types such as m7g.large,c7g.large');
  }
  const maxConcurrency = integer('LMI_MAX_CONCURRENCY', raw.maxConcurrency, d.maxConcurrency, 1, 1600);
  const dbMaxConcurrency = integer('LMI_DB_MAX_CONCURRENCY', raw.dbMaxConcurrency, d.dbMaxConcurrency, 1, 1600);
  let workerCount: LmiConfig['workerCount'] = d.workerCount;
  if (raw.workerCount === 'vcpus' || raw.workerCount === 'runtime') workerCount = raw.workerCount;
  else if (raw.workerCount !== undefined) {
    const n = Number(raw.workerCount);
    if (!Number.isInteger(n) || n < 1 || n > 1024)
      fail('LMI_WORKER_COUNT', raw.workerCount, 'vcpus, runtime, or an integer in 1..1024');
    workerCount = n;
  }
  return {
    maxVcpus,
    memoryMb,
    memoryGibPerVcpu,
    architecture,
    instanceTypes,
    maxConcurrency,
    dbMaxConcurrency,
    workerCount,
  };
}

function stateConfig(sources: StageConfigSources, stageRegion: string): StateConfig {
  const bucket = read(sources, 'STATE_BUCKET', 'stateBucket');
  const region = read(sources, 'STATE_REGION', 'stateRegion');
  const keyPrefix = read(sources, 'STATE_KEY_PREFIX', 'stateKeyPrefix');
  if (bucket === undefined) {
    if (region !== undefined) fail('STATE_REGION', region, 'unset unless STATE_BUCKET is set');
    if (keyPrefix !== undefined) fail('STATE_KEY_PREFIX', keyPrefix, 'unset unless STATE_BUCKET is set');
    return { backend: 'local' };
  }
  // S3's rules for new general purpose buckets: 3-63 characters, lower-case letters, digits, dots and hyphens.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    fail('STATE_BUCKET', bucket, 'an S3 bucket name (3-63 lower-case letters, digits, dots or hyphens)');
  if (region !== undefined && !REGION.test(region))
    fail('STATE_REGION', region, 'an AWS region name such as us-east-1');
  const prefix = keyPrefix ?? stageDefaults.stateKeyPrefix;
  if (!/^([A-Za-z0-9!_.*'()-]+\/)*$/.test(prefix))
    fail('STATE_KEY_PREFIX', prefix, 'empty or path segments each ending in "/", such as team/lab/');
  return { backend: 's3', bucket, region: region ?? stageRegion, keyPrefix: prefix };
}

/**
 * The stack's name for a stage, also the prefix of every resource name.
 *
 * @example
 * stackName({ prefix: 'lambda-reuse-lab', stage: 'dev' }); // 'lambda-reuse-lab-dev'
 */
export function stackName(config: Pick<StageConfig, 'prefix' | 'stage'>): string {
  return `${config.prefix}-${config.stage}`;
}

/**
 * The SSM path every parameter of the stage lives under, ending in `/` (the functions' CONFIG_PATH).
 *
 * @example
 * parameterPath({ prefix: 'lambda-reuse-lab', stage: 'dev' }); // '/lambda-reuse-lab/dev/'
 */
export function parameterPath(config: Pick<StageConfig, 'prefix' | 'stage'>): string {
  return `/${config.prefix}/${config.stage}/`;
}
