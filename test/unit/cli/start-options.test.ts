import { UsageError } from '../../../common/cli-args';
import { parseStartArgs, USAGE } from '../../../local/cli/start-options';

describe('npm start command line', () => {
  it('passes only the flags given, so the dev stack defaults fill the rest', () => {
    // Act
    const parsed = parseStartArgs([], {});

    // Assess
    expect(parsed).toEqual({ options: { envOverrides: [] }, quiet: false });
  });

  it('reads every flag, --env repeated in order, in both --flag value and --flag=value forms', () => {
    // Act
    const parsed = parseStartArgs(
      [
        '--http-port=0',
        '--lambda-port',
        '4002',
        '--ssm-port',
        '4003',
        '--pg-port=4433',
        '--pg-data-dir',
        'pg',
        '--stack',
        's.json',
        '--no-build',
        '--no-freeze',
        '--idle-timeout',
        '30',
        '--env',
        'config.CONFIG_TTL_MS=1000',
        '--env=LOG_LEVEL=debug',
        '--quiet',
      ],
      {},
    );

    // Assess
    expect(parsed).toEqual({
      options: {
        httpPort: 0,
        lambdaPort: 4002,
        ssmPort: 4003,
        pgPort: 4433,
        pgDataDir: 'pg',
        stackFile: 's.json',
        build: false,
        freeze: false,
        idleTimeoutMs: 30_000,
        envOverrides: [
          { function: 'config', name: 'CONFIG_TTL_MS', value: '1000' },
          { name: 'LOG_LEVEL', value: 'debug' },
        ],
      },
      quiet: true,
    });
  });

  it('takes DATABASE_URL from the environment, and --database-url over it', () => {
    // Act
    const fromEnv = parseStartArgs([], { DATABASE_URL: 'postgres://a' });
    const fromFlag = parseStartArgs(['--database-url', 'postgresql://b'], { DATABASE_URL: 'postgres://a' });

    // Assess
    expect(fromEnv).toMatchObject({ options: { databaseUrl: 'postgres://a' } });
    expect(fromFlag).toMatchObject({ options: { databaseUrl: 'postgresql://b' } });
  });

  it('refuses a database URL that is not postgres:// without printing it', () => {
    // Act
    let caught: unknown;
    try {
      parseStartArgs(['--database-url', 'mysql://user:s3cret@host/db'], {});
    } catch (err) {
      caught = err;
    }

    // Assess
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(/^--database-url .*allowed: a postgres:\/\/ or postgresql:\/\//);
    expect(JSON.stringify(caught)).not.toContain('s3cret');
    expect((caught as Error).message).not.toContain('s3cret');
  });

  it.each([
    [['--idle-timeout', '0'], '--idle-timeout is "0"; allowed: a whole number of seconds from 1 to 86400'],
    [['--pg-port', '65536'], '--pg-port is "65536"; allowed: an integer from 0 to 65535 (0 picks a free port)'],
    [['--env', 'no-equals'], '--env is "no-equals"; allowed: [fn.]NAME=value (e.g. config.CONFIG_TTL_MS=1000)'],
    [['--stack'], '--stack needs a value; allowed: a cdk.tf.json file'],
  ])('refuses %j naming the flag and what it allows', (argv, message) => {
    // Act / Assess
    expect(() => parseStartArgs(argv, {})).toThrow(message);
  });

  it('reads --watch, --inspect alone as every function, and --inspect=NAME repeated as those functions', () => {
    // Act
    const all = parseStartArgs(['--watch', '--inspect'], {});
    const some = parseStartArgs(['--inspect=hello', '--inspect', 'config'], {});

    // Assess
    expect(all).toEqual({ options: { watch: true, inspect: true, envOverrides: [] }, quiet: false });
    expect(some).toEqual({ options: { inspect: ['hello', 'config'], envOverrides: [] }, quiet: false });
  });

  it('refuses --watch with --stack, saying why', () => {
    // Act / Assess
    expect(() => parseStartArgs(['--watch', '--stack', 's.json'], {})).toThrow(
      /"--watch"; allowed: without --stack \(--stack serves a snapshot as is; --watch rebuilds from functions\/\)/,
    );
  });

  it('watches with --no-build', () => {
    // Act
    const parsed = parseStartArgs(['--watch', '--no-build'], {});

    // Assess
    expect(parsed).toMatchObject({ options: { watch: true, build: false } });
  });
});

describe('parseStartArgs: listener limits', () => {
  it('takes --headers-timeout and --request-timeout in seconds for every listener', () => {
    // Act
    const parsed = parseStartArgs(['--headers-timeout', '5', '--request-timeout=20'], {});

    // Assess
    expect(parsed).not.toBe('help');
    const limits = parsed === 'help' ? undefined : parsed.options.listenerLimits;
    expect(limits).toMatchObject({ headersTimeoutMs: 5_000, requestTimeoutMs: 20_000 });
  });

  it('refuses a headers timeout past the request timeout, and a value that is not seconds', () => {
    // Assess
    expect(() => parseStartArgs(['--headers-timeout', '40'], {})).toThrow('--headers-timeout');
    expect(() => parseStartArgs(['--request-timeout', 'soon'], {})).toThrow('--request-timeout is "soon"');
  });
});

describe('parseStartArgs: Lambda Managed Instances', () => {
  it('takes --lambda-mode, else env LAMBDA_MODE, else leaves the mode to the dev stack (classic)', () => {
    // Act
    const flag = parseStartArgs(['--lambda-mode', 'managed-instances'], { LAMBDA_MODE: 'classic' });
    const fromEnv = parseStartArgs([], { LAMBDA_MODE: 'managed-instances' });
    const none = parseStartArgs([], {});

    // Assess
    expect(flag).toMatchObject({ options: { lambdaMode: 'managed-instances' } });
    expect(fromEnv).toMatchObject({ options: { lambdaMode: 'managed-instances' } });
    expect(none === 'help' ? undefined : none.options.lambdaMode).toBeUndefined();
  });

  it('takes --lmi-min-environments for the environments started ahead of traffic', () => {
    // Act
    const parsed = parseStartArgs(['--lmi-min-environments', '1'], {});

    // Assess
    expect(parsed).toMatchObject({ options: { lmiMinEnvironments: 1 } });
  });

  it('refuses an unknown mode or environment count, naming the flag (or LAMBDA_MODE) and what is allowed', () => {
    // Assess
    expect(() => parseStartArgs(['--lambda-mode', 'lmi'], {})).toThrow(
      '--lambda-mode is "lmi"; allowed: classic or managed-instances',
    );
    expect(() => parseStartArgs([], { LAMBDA_MODE: 'fast' })).toThrow(
      'LAMBDA_MODE is "fast"; allowed: classic or managed-instances',
    );
    expect(() => parseStartArgs(['--lmi-min-environments', '0'], {})).toThrow(
      '--lmi-min-environments is "0"; allowed: an integer from 1 to 10',
    );
    expect(() => parseStartArgs(['--lmi-min-environments', 'two'], {})).toThrow('--lmi-min-environments is "two"');
  });

  it('says in --help that AWS starts 3 environments ahead of traffic', () => {
    // Assess
    expect(USAGE).toMatch(
      /--lmi-min-environments <n>\s+Managed Instances: environments each function starts ahead of traffic\. AWS starts 3/,
    );
    expect(USAGE).toContain('--lambda-mode <mode>');
  });
});
