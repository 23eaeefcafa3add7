import { functionCatalog } from '../../functions/catalog';
import { parametersDefaults } from '../../infra/index';
import { buildStandInBundles, resources, type SynthesizedStack, synthStack, terraformKey } from './support';

describe('database, managed mode (default)', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  let parsed: SynthesizedStack;
  let json: string;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
    ({ parsed, json } = synthStack({}, bundles.bundlesDir));
  });
  afterAll(() => bundles.cleanup());

  it('is a private, encrypted db.t4g.micro whose password RDS keeps in Secrets Manager', () => {
    // Prepare
    const instances = Object.values(resources(parsed, 'aws_db_instance'));
    // Act
    const [db] = instances;
    // Assess
    expect(instances).toHaveLength(1);
    expect(db).toMatchObject({
      engine: 'postgres',
      instance_class: 'db.t4g.micro',
      publicly_accessible: false,
      storage_encrypted: true,
      manage_master_user_password: true,
      master_user_secret_kms_key_id: '${aws_kms_key.app.arn}',
    });
    expect(db).not.toHaveProperty('password');
    expect(json).not.toMatch(/"password"\s*:/);
  });

  it('accepts PostgreSQL only from the functions security group', () => {
    // Prepare
    const ingress = Object.values(resources(parsed, 'aws_vpc_security_group_ingress_rule'));
    // Act
    const intoDb = ingress.filter((r) => r.security_group_id === '${aws_security_group.database.id}');
    // Assess
    expect(intoDb).toEqual([
      expect.objectContaining({
        referenced_security_group_id: '${aws_security_group.functions.id}',
        from_port: 5432,
        to_port: 5432,
        ip_protocol: 'tcp',
      }),
    ]);
    expect(ingress.some((r) => 'cidr_ipv4' in r || 'cidr_ipv6' in r)).toBe(false);
    expect(resources(parsed, 'aws_db_instance').main?.vpc_security_group_ids).toEqual([
      '${aws_security_group.database.id}',
    ]);
  });

  it('puts only the database functions in the VPC, with subnets in two zones and endpoints for SSM and Secrets Manager', () => {
    // Prepare
    const fns = resources(parsed, 'aws_lambda_function');
    const subnets = Object.values(resources(parsed, 'aws_subnet'));
    const endpoints = Object.values(resources(parsed, 'aws_vpc_endpoint'));
    // Act
    const inVpc = functionCatalog.filter((f) => fns[terraformKey(f.name)]?.vpc_config !== undefined).map((f) => f.name);
    // Assess
    expect(inVpc).toEqual(functionCatalog.filter((f) => f.usesDb).map((f) => f.name));
    expect(subnets.map((s) => s.availability_zone)).toEqual([
      '${element(data.aws_availability_zones.available.names, 0)}',
      '${element(data.aws_availability_zones.available.names, 1)}',
    ]);
    expect(endpoints.map((e) => e.service_name).sort()).toEqual([
      'com.amazonaws.us-east-1.secretsmanager',
      'com.amazonaws.us-east-1.ssm',
    ]);
    expect(endpoints.every((e) => e.private_dns_enabled === true && e.vpc_endpoint_type === 'Interface')).toBe(true);
  });

  it('publishes where to connect as String parameters and names the password secret, not the password', () => {
    // Prepare
    const params = resources(parsed, 'aws_ssm_parameter');
    // Act
    const names = Object.values(params)
      .map((p) => p.name)
      .sort();
    // Assess
    expect(names).toEqual(
      [
        'app/feature-flags',
        'app/message',
        'db/database',
        'db/host',
        'db/password-secret-id',
        'db/port',
        'db/ssl',
        'db/user',
      ]
        .map((n) => `/lambda-reuse-lab/dev/${n}`)
        .sort(),
    );
    expect(params.db_password_secret_id).toMatchObject({
      type: 'String',
      value: '${aws_db_instance.main.master_user_secret[0].secret_arn}',
    });
    expect(params.db_ssl).toMatchObject({ value: 'verify-full' });
  });
});

describe('database, external mode', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  let parsed: SynthesizedStack;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
    ({ parsed } = synthStack({ DB_MODE: 'external' }, bundles.bundlesDir));
  });
  afterAll(() => bundles.cleanup());

  it('creates no database, VPC or endpoints, and attaches no function to a VPC', () => {
    // Prepare
    const types = Object.keys(parsed.resource);
    // Act
    const fns = Object.values(resources(parsed, 'aws_lambda_function'));
    // Assess
    for (const t of ['aws_db_instance', 'aws_vpc', 'aws_subnet', 'aws_vpc_endpoint', 'aws_security_group']) {
      expect(types).not.toContain(t);
    }
    expect(fns.filter((f) => f.vpc_config !== undefined)).toEqual([]);
  });

  it('creates db/url as a KMS-encrypted SecureString placeholder written once through value_wo, never kept in state', () => {
    // Prepare
    const params = resources(parsed, 'aws_ssm_parameter');
    // Act
    const url = params.db_url;
    // Assess
    expect(url).toMatchObject({
      name: '/lambda-reuse-lab/dev/db/url',
      type: 'SecureString',
      key_id: '${aws_kms_key.app.arn}',
      value_wo: parametersDefaults.secureStringPlaceholder,
      value_wo_version: 1,
    });
    expect(url).not.toHaveProperty('value');
    expect(url).not.toHaveProperty('lifecycle');
    expect(Object.values(params).filter((p) => p.type === 'SecureString')).toHaveLength(1);
  });
});

describe('database with RDS Proxy', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  let parsed: SynthesizedStack;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
    ({ parsed } = synthStack({ DB_PROXY: 'true' }, bundles.bundlesDir));
  });
  afterAll(() => bundles.cleanup());

  it('points db/host at the proxy, which authenticates with the RDS-managed secret over TLS', () => {
    // Prepare
    const proxy = resources(parsed, 'aws_db_proxy').main;
    // Act
    const host = resources(parsed, 'aws_ssm_parameter').db_host?.value;
    // Assess
    expect(host).toBe('${aws_db_proxy.main.endpoint}');
    expect(proxy).toMatchObject({
      engine_family: 'POSTGRESQL',
      require_tls: true,
      auth: [
        expect.objectContaining({
          auth_scheme: 'SECRETS',
          secret_arn: '${aws_db_instance.main.master_user_secret[0].secret_arn}',
        }),
      ],
    });
  });
});

describe('final snapshot of a kept stage', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
  });
  afterAll(() => bundles.cleanup());

  it('names the final snapshot after the creation time and keeps that name, so a second destroy cannot clash', () => {
    // Prepare
    const env = { STAGE: 'prod' };
    // Act
    const db = resources(synthStack(env, bundles.bundlesDir).parsed, 'aws_db_instance').main;
    // Assess
    expect(db).toMatchObject({
      skip_final_snapshot: false,
      deletion_protection: true,
      final_snapshot_identifier: 'lambda-reuse-lab-prod-final-${formatdate("YYYYMMDDhhmmss", timestamp())}',
      lifecycle: { ignore_changes: ['final_snapshot_identifier'] },
    });
  });

  it('takes no final snapshot of the disposable dev stage', () => {
    // Prepare
    const env = { STAGE: 'dev' };
    // Act
    const db = resources(synthStack(env, bundles.bundlesDir).parsed, 'aws_db_instance').main;
    // Assess
    expect(db).toMatchObject({ skip_final_snapshot: true });
    expect(db).not.toHaveProperty('final_snapshot_identifier');
  });
});
