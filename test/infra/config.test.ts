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
  ])('rejects %j naming %s', (env, option, detail) => {
    // Prepare
    const attempt = () => resolve(env);
    // Act & Assess
    expect(attempt).toThrow(StageConfigError);
    expect(attempt).toThrow(option);
    expect(attempt).toThrow(detail);
  });
});
