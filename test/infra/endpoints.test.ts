import { functionCatalog } from '../../functions/catalog';
import { buildStandInBundles, resources, synthStack } from './support';

const endpointServices = (parsed: ReturnType<typeof synthStack>['parsed']) =>
  Object.values(resources(parsed, 'aws_vpc_endpoint'))
    .map((e) => String(e.service_name))
    .sort();

describe('interface endpoints', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
  });
  afterAll(() => bundles.cleanup());

  it.each([
    [{ DB_MODE: 'managed' }, ['com.amazonaws.us-east-1.secretsmanager', 'com.amazonaws.us-east-1.ssm']],
    [
      { DB_MODE: 'managed', DB_PROXY: 'true' },
      ['com.amazonaws.us-east-1.secretsmanager', 'com.amazonaws.us-east-1.ssm'],
    ],
    [{ DB_MODE: 'external' }, []],
  ])('in %j creates endpoints for exactly %j', (env, expected) => {
    // Prepare & Act
    const { parsed } = synthStack(env, bundles.bundlesDir);
    // Assess
    expect(endpointServices(parsed)).toEqual(expected);
  });

  it('drops the SSM endpoint when no function in the VPC reads parameters', () => {
    // Prepare
    const functions = functionCatalog.map((f) => (f.usesDb ? { ...f, usesSsm: false } : f));
    // Act
    const { parsed } = synthStack({ DB_MODE: 'managed' }, bundles.bundlesDir, functions);
    // Assess
    expect(endpointServices(parsed)).toEqual(['com.amazonaws.us-east-1.secretsmanager']);
  });

  it('gives the database functions the secret ARN as DB_SECRET_ARN in managed mode only', () => {
    // Prepare
    const managed = resources(synthStack({}, bundles.bundlesDir).parsed, 'aws_lambda_function');
    const external = resources(synthStack({ DB_MODE: 'external' }, bundles.bundlesDir).parsed, 'aws_lambda_function');
    // Act
    const arnOf = (fns: typeof managed) =>
      Object.fromEntries(
        Object.entries(fns).map(([k, f]) => [
          k,
          (f.environment as { variables: Record<string, string> }).variables.DB_SECRET_ARN,
        ]),
      );
    // Assess
    const secret = '${aws_db_instance.main.master_user_secret[0].secret_arn}';
    expect(arnOf(managed)).toEqual({
      hello: undefined,
      config: undefined,
      config_naive: undefined,
      db: secret,
      db_naive: secret,
      breaker: secret,
    });
    expect(Object.values(arnOf(external)).filter((v) => v !== undefined)).toEqual([]);
  });
});
