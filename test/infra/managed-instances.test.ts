import { functionCatalog } from '../../functions/catalog';
import { ConnectionBudgetError, LmiCapacityError, resolveStageConfigs, StageConfigError } from '../../infra/index';
import { buildStandInBundles, resources, synthStack, terraformKey } from './support';

const LMI = { LAMBDA_MODE: 'managed-instances' };

interface AttachedFunction {
  memory_size: number;
  publish?: boolean;
  publish_to?: string;
  reserved_concurrent_executions?: number;
  vpc_config?: unknown;
  environment: { variables: Record<string, string> };
  capacity_provider_config?: {
    lambda_managed_instances_capacity_provider_config: {
      capacity_provider_arn: string;
      execution_environment_memory_gib_per_vcpu: number;
      per_execution_environment_max_concurrency: number;
    };
  };
}

describe('Lambda Managed Instances variant (LAMBDA_MODE=managed-instances)', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
  });
  afterAll(() => bundles.cleanup());

  const fn = (parsed: ReturnType<typeof synthStack>['parsed'], name: string) =>
    resources(parsed, 'aws_lambda_function')[terraformKey(name)] as unknown as AttachedFunction;

  it('creates one capacity provider in the managed VPC, with the functions group and a max vCPU count', () => {
    // Act
    const { parsed } = synthStack(LMI, bundles.bundlesDir);
    // Assess
    expect(resources(parsed, 'aws_lambda_capacity_provider')).toEqual({
      main: expect.objectContaining({
        name: 'lambda-reuse-lab-dev',
        vpc_config: [
          {
            subnet_ids: ['${aws_subnet.private_0.id}', '${aws_subnet.private_1.id}'],
            security_group_ids: ['${aws_security_group.functions.id}'],
          },
        ],
        permissions_config: [{ capacity_provider_operator_role_arn: '${aws_iam_role.lmi_operator.arn}' }],
        instance_requirements: [{ architectures: ['arm64'] }],
        capacity_provider_scaling_config: [{ max_vcpu_count: 24, scaling_mode: 'Auto' }],
      }),
    });
  });

  it('gives the operator role a trust for lambda.amazonaws.com and the AWSLambdaManagedEC2ResourceOperator policy', () => {
    // Act
    const { parsed } = synthStack(LMI, bundles.bundlesDir);
    // Assess
    const role = resources(parsed, 'aws_iam_role').lmi_operator;
    expect(JSON.parse(String(role?.assume_role_policy))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(resources(parsed, 'aws_iam_role_policy_attachment').lmi_operator).toEqual({
      role: '${aws_iam_role.lmi_operator.name}',
      policy_arn: 'arn:${data.aws_partition.partition.partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator',
    });
  });

  it('attaches every catalog function with its max concurrency written out, 2 GB, published, unreserved', () => {
    // Act
    const { parsed } = synthStack(LMI, bundles.bundlesDir);
    // Assess
    for (const spec of functionCatalog) {
      const attached = fn(parsed, spec.name);
      expect(attached.capacity_provider_config).toEqual({
        lambda_managed_instances_capacity_provider_config: {
          capacity_provider_arn: '${aws_lambda_capacity_provider.main.arn}',
          execution_environment_memory_gib_per_vcpu: 2,
          per_execution_environment_max_concurrency: spec.usesDb ? 4 : 64,
        },
      });
      expect(attached).toMatchObject({ memory_size: 2048, publish: true, publish_to: 'LATEST_PUBLISHED' });
      expect(attached.reserved_concurrent_executions).toBeUndefined();
      expect(attached.vpc_config).toBeUndefined();
    }
  });

  it('writes the worker count and the derived pool size into the environment the local runtime reads', () => {
    // Act
    const { parsed } = synthStack(LMI, bundles.bundlesDir);
    const runtimeDecides = synthStack(
      { ...LMI, LMI_WORKER_COUNT: 'runtime', DB_MODE: 'external', DB_MAX_CONNECTIONS: '500' },
      bundles.bundlesDir,
    ).parsed;
    // Assess
    expect(fn(parsed, 'hello').environment.variables.AWS_LAMBDA_NODEJS_WORKER_COUNT).toBe('1');
    // ceil(4 concurrent / 1 worker) = 4, poolMaxFor's answer.
    expect(fn(parsed, 'db').environment.variables).toMatchObject({
      AWS_LAMBDA_NODEJS_WORKER_COUNT: '1',
      DB_POOL_MAX: '4',
    });
    expect(fn(runtimeDecides, 'hello').environment.variables).not.toHaveProperty('AWS_LAMBDA_NODEJS_WORKER_COUNT');
  });

  it('budgets environments × workers × pool max: 3 minimum environments each plus the spare vCPUs', () => {
    // Act
    const { stack } = synthStack(LMI, bundles.bundlesDir);
    // Assess: 7 functions × 3 × 1 vCPU = 21 of 24; db, db-naive, breaker 3×1×4 = 36, 3 spare × 1×4 = 12.
    expect(stack.budget.demand).toBe(48);
    expect(stack.budget.shares.map((s) => [s.name, s.maxConcurrency, s.reservedConcurrency])).toEqual([
      ['db', 24, undefined],
      ['db-naive', 24, undefined],
      ['breaker', 24, undefined],
    ]);
  });

  it('fails synth naming the numbers when the environments could exhaust the database', () => {
    // Prepare
    const env = { ...LMI, DB_MODE: 'external', DB_MAX_CONNECTIONS: '55' };
    // Act
    const attempt = () => synthStack(env, bundles.bundlesDir);
    // Assess
    expect(attempt).toThrow(ConnectionBudgetError);
    expect(attempt).toThrow(
      'Σ(environments × workers × pool max) = db 3×1×4 + db-naive 3×1×4 + breaker 3×1×4 (minimum environments) + ' +
        '3 spare vCPUs as db environments 3×1×4 = 48, plus headroom 10 = 58 > max_connections 55',
    );
  });

  it('counts the runtime default of 8 workers per vCPU when LMI_WORKER_COUNT=runtime', () => {
    // Act
    const attempt = () => synthStack({ ...LMI, LMI_WORKER_COUNT: 'runtime' }, bundles.bundlesDir);
    // Assess: 8 workers × ceil(4/8)=1 connection = 8 per environment, (9 + 3) × 8 = 96.
    expect(attempt).toThrow(/db 3×8×1 .* = 96, plus headroom 10 = 106 > max_connections 81/);
  });

  it('refuses a max vCPU count below the functions minimum environments', () => {
    // Act
    const attempt = () => synthStack({ ...LMI, LMI_MAX_VCPUS: '12' }, bundles.bundlesDir);
    // Assess
    expect(attempt).toThrow(LmiCapacityError);
    expect(attempt).toThrow('7 functions × 3 minimum environments × their vCPUs = 21 vCPUs > LMI_MAX_VCPUS 12');
  });

  it('gives the capacity provider a VPC of its own in external database mode', () => {
    // Act
    const { parsed } = synthStack({ ...LMI, DB_MODE: 'external' }, bundles.bundlesDir);
    // Assess
    expect(Object.keys(resources(parsed, 'aws_vpc'))).toEqual(['lmi']);
    expect(resources(parsed, 'aws_lambda_capacity_provider').main?.vpc_config).toEqual([
      {
        subnet_ids: ['${aws_subnet.lmi_public_0.id}', '${aws_subnet.lmi_public_1.id}'],
        security_group_ids: ['${aws_security_group.lmi_instances.id}'],
      },
    ]);
    expect(resources(parsed, 'aws_route').lmi_internet).toMatchObject({ destination_cidr_block: '0.0.0.0/0' });
  });
});

describe('LAMBDA_MODE and the LMI settings', () => {
  const resolve = (env: Record<string, string>) => () => resolveStageConfigs({ env, context: () => undefined });

  it('defaults to classic, with no LMI settings', () => {
    // Act
    const [config] = resolve({})();
    // Assess
    expect(config?.lambdaMode).toBe('classic');
    expect(config?.lmi).toBeUndefined();
  });

  it('rejects an unknown LAMBDA_MODE naming the option, the value and what is allowed', () => {
    // Act
    const attempt = resolve({ LAMBDA_MODE: 'lmi' });
    // Assess
    expect(attempt).toThrow(StageConfigError);
    expect(attempt).toThrow(/LAMBDA_MODE.*lmi.*classic or managed-instances/);
  });

  it.each([
    ['LMI_MAX_VCPUS', '1', /an integer in 2\.\.15000/],
    ['LMI_MEMORY_MB', '1024', /an integer in 2048\.\.32768/],
    ['LMI_MEMORY_MB', '3072', /a multiple of 2048/],
    ['LMI_MEMORY_GIB_PER_VCPU', '9', /a number in 2\.\.8/],
    ['LMI_ARCHITECTURE', 'arm', /arm64 or x86_64/],
    ['LMI_INSTANCE_TYPES', 'big one', /EC2 instance types/],
    ['LMI_MAX_CONCURRENCY', '0', /an integer in 1\.\.1600/],
    ['LMI_DB_MAX_CONCURRENCY', '2000', /an integer in 1\.\.1600/],
    ['LMI_WORKER_COUNT', 'many', /vcpus, runtime, or an integer/],
  ])('rejects %s=%s naming the option', (option, value, allowed) => {
    // Act
    const attempt = resolve({ ...LMI, [option]: value });
    // Assess
    expect(attempt).toThrow(StageConfigError);
    expect(attempt).toThrow(new RegExp(`${option}.*${value}`));
    expect(attempt).toThrow(allowed);
  });

  it('rejects an LMI setting in classic mode instead of ignoring it', () => {
    // Act
    const attempt = resolve({ LMI_MAX_VCPUS: '48' });
    // Assess
    expect(attempt).toThrow(/LMI_MAX_VCPUS.*48.*unset unless LAMBDA_MODE is managed-instances/);
  });
});
