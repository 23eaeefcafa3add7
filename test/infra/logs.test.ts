import { functionCatalog } from '../../functions/catalog';
import { buildStandInBundles, resources, type SynthesizedStack, synthStack, terraformKey } from './support';

describe('log groups and function runtime settings', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  let parsed: SynthesizedStack;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
    ({ parsed } = synthStack({ LOG_RETENTION_DAYS: '30' }, bundles.bundlesDir));
  });
  afterAll(() => bundles.cleanup());

  it('gives every log group the configured retention', () => {
    // Prepare
    const groups = Object.entries(resources(parsed, 'aws_cloudwatch_log_group'));
    // Act
    const retentions = groups.map(([key, g]) => [key, g.retention_in_days]);
    // Assess
    expect(groups).toHaveLength(functionCatalog.length + 1);
    expect(retentions).toEqual(groups.map(([key]) => [key, 30]));
  });

  it('creates each function after its own /aws/lambda/<name> group and logs JSON into it', () => {
    // Prepare
    const fns = resources(parsed, 'aws_lambda_function');
    const groups = resources(parsed, 'aws_cloudwatch_log_group');
    // Act & Assess
    for (const f of functionCatalog) {
      const key = terraformKey(f.name);
      const fn = fns[key];
      expect(groups[`fn_${key}`]?.name).toBe(`/aws/lambda/lambda-reuse-lab-dev-${f.name}`);
      expect(fn?.depends_on).toEqual(expect.arrayContaining([`aws_cloudwatch_log_group.fn_${key}`]));
      expect(fn?.logging_config).toMatchObject({
        log_format: 'JSON',
        log_group: `\${aws_cloudwatch_log_group.fn_${key}.name}`,
      });
    }
  });

  it('deploys every function on nodejs24.x arm64 with active tracing and the catalog sizes', () => {
    // Prepare
    const fns = resources(parsed, 'aws_lambda_function');
    // Act & Assess
    for (const f of functionCatalog) {
      const fn = fns[terraformKey(f.name)];
      expect(fn).toMatchObject({
        function_name: `lambda-reuse-lab-dev-${f.name}`,
        runtime: 'nodejs24.x',
        architectures: ['arm64'],
        handler: 'index.handler',
        memory_size: f.memoryMb,
        timeout: f.timeoutSeconds,
        tracing_config: { mode: 'Active' },
      });
      expect(fn?.reserved_concurrent_executions).toBe(f.reservedConcurrency);
      const env = (fn?.environment as { variables: Record<string, string> } | undefined)?.variables ?? {};
      expect(env.CONFIG_PATH).toBe(f.usesSsm ? '/lambda-reuse-lab/dev/' : undefined);
      expect(env.DB_POOL_MAX).toBe(f.usesDb ? String(f.poolMax) : undefined);
    }
  });
});
