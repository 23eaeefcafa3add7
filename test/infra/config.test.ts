import { resolveStageConfigs, StageConfigError } from '../../infra/index';

const resolve = (env: Record<string, string>, context: Record<string, unknown> = {}) =>
  resolveStageConfigs({ env, context: (k) => context[k] });

describe('stage configuration', () => {
  it('defaults to one dev stack in us-east-1, managed database, budget against a db.t4g.micro', () => {
    // Prepare
    const env = {};
    // Act
    const configs = resolve(env);
    // Assess
    expect(configs).toEqual([
      expect.objectContaining({
        stage: 'dev',
        region: 'us-east-1',
        prefix: 'lambda-reuse-lab',
        dbMode: 'managed',
        dbInstanceClass: 'db.t4g.micro',
        dbMaxConnections: 81,
        dbProxy: false,
      }),
    ]);
  });

  it('defaults to a quota of 1000, a 50/100 API throttle and local state', () => {
    // Prepare
    const env = {};
    // Act
    const [config] = resolve(env);
    // Assess
    expect(config).toMatchObject({
      accountConcurrency: 1000,
      apiThrottleRate: 50,
      apiThrottleBurst: 100,
      state: { backend: 'local' },
    });
  });

  it('reads ACCOUNT_CONCURRENCY, the throttle and the state bucket from env or context', () => {
    // Prepare
    const env = { ACCOUNT_CONCURRENCY: '10', API_THROTTLE_BURST: '20' };
    const context = { apiThrottleRate: 5, stateBucket: 'lab-state' };
    // Act
    const [config] = resolve(env, context);
    // Assess
    expect(config).toMatchObject({
      accountConcurrency: 10,
      apiThrottleRate: 5,
      apiThrottleBurst: 20,
      state: { backend: 's3', bucket: 'lab-state', region: 'us-east-1', keyPrefix: '' },
    });
  });

  it('takes env over cdktf context, and context over defaults', () => {
    // Prepare
    const context = { stage: 'qa', region: 'eu-west-1', prefix: 'from-context' };
    // Act
    const [config] = resolve({ AWS_REGION: 'eu-central-1' }, context);
    // Assess
    expect(config).toMatchObject({ stage: 'qa', region: 'eu-central-1', prefix: 'from-context' });
  });

  it('makes one config per stage listed in STAGE', () => {
    // Prepare
    const env = { STAGE: 'dev,prod' };
    // Act
    const stages = resolve(env).map((c) => c.stage);
    // Assess
    expect(stages).toEqual(['dev', 'prod']);
  });

  it('uses DB_MAX_CONNECTIONS in external mode, 100 when unset', () => {
    // Prepare & Act
    const [unset] = resolve({ DB_MODE: 'external' });
    const [set] = resolve({ DB_MODE: 'external', DB_MAX_CONNECTIONS: '300' });
    // Assess
    expect(unset?.dbMaxConnections).toBe(100);
    expect(set?.dbMaxConnections).toBe(300);
  });

  it.each([
    [{ STAGE: 'Dev' }, 'STAGE', '"Dev"'],
    [{ DB_MODE: 'serverless' }, 'DB_MODE', 'managed or external'],
    [{ AWS_REGION: 'mars' }, 'AWS_REGION', '"mars"'],
    [{ APP_PREFIX: 'bad_prefix' }, 'APP_PREFIX', '"bad_prefix"'],
    [{ DB_MAX_CONNECTIONS: 'lots' }, 'DB_MAX_CONNECTIONS', '"lots"'],
    [{ LOG_RETENTION_DAYS: '10' }, 'LOG_RETENTION_DAYS', '14, 30'],
    [{ DB_PROXY: 'true', DB_MODE: 'external' }, 'DB_PROXY', 'external'],
    [{ DB_INSTANCE_CLASS: 'db.r7g.large' }, 'DB_MAX_CONNECTIONS', 'db.r7g.large'],
    [{ ACCOUNT_CONCURRENCY: '0' }, 'ACCOUNT_CONCURRENCY', 'an integer in 1..'],
    [{ ACCOUNT_CONCURRENCY: 'ten' }, 'ACCOUNT_CONCURRENCY', '"ten"'],
    [{ API_THROTTLE_RATE: '0' }, 'API_THROTTLE_RATE', '1..10000'],
    [{ API_THROTTLE_BURST: '6000' }, 'API_THROTTLE_BURST', '1..5000'],
    [{ STATE_BUCKET: 'Bad_Bucket' }, 'STATE_BUCKET', '"Bad_Bucket"'],
    [{ STATE_REGION: 'eu-west-1' }, 'STATE_REGION', 'unless STATE_BUCKET'],
    [{ STATE_BUCKET: 'ok-bucket', STATE_KEY_PREFIX: 'no-slash' }, 'STATE_KEY_PREFIX', '"no-slash"'],
  ])('rejects %j naming %s', (env, option, detail) => {
    // Prepare
    const attempt = () => resolve(env);
    // Act & Assess
    expect(attempt).toThrow(StageConfigError);
    expect(attempt).toThrow(option);
    expect(attempt).toThrow(detail);
  });
});
