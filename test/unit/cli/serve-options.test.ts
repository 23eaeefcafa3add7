import { parseServeArgs } from '../../../local/cli/serve-options';
import { defaults } from '../../../local/lambda-service';

describe('serve command line', () => {
  it("fills what is not given with the runtime's defaults", () => {
    // Act
    const parsed = parseServeArgs(['--stack', 'cdk.tf.json']);

    // Assess
    expect(parsed).toEqual({
      stackFile: 'cdk.tf.json',
      port: defaults.port,
      host: defaults.host,
      freeze: defaults.freeze,
      idleTimeoutMs: defaults.idleTimeoutMs,
      maxLifetimeMs: defaults.maxLifetimeMs,
      accountConcurrency: defaults.accountConcurrency,
      references: {},
      extraEnv: {},
      quiet: false,
    });
  });

  it('reads seconds as milliseconds and repeated --ref and --env as maps, = in values kept', () => {
    // Act
    const parsed = parseServeArgs([
      '--stack=s.json',
      '--port',
      '0',
      '--no-freeze',
      '--idle-timeout',
      '5',
      '--max-lifetime=60',
      '--account-concurrency',
      '10',
      '--ref',
      'var.stage=dev',
      '--ref=var.region=eu-west-1',
      '--env',
      'A=b=c',
      '--quiet',
    ]);

    // Assess
    expect(parsed).toMatchObject({
      stackFile: 's.json',
      port: 0,
      freeze: false,
      idleTimeoutMs: 5000,
      maxLifetimeMs: 60_000,
      accountConcurrency: 10,
      references: { 'var.stage': 'dev', 'var.region': 'eu-west-1' },
      extraEnv: { A: 'b=c' },
      quiet: true,
    });
  });

  it.each([
    [[], '--stack is required; allowed: a synthesized Terraform JSON stack (cdk.tf.json)'],
    [['--stack', 's', '--port', '-1'], '--port is "-1"; allowed: an integer from 0 to 65535 (0 picks a free port)'],
    [
      ['--stack', 's', '--idle-timeout', '1.5'],
      '--idle-timeout is "1.5"; allowed: a whole number of seconds of at least 1',
    ],
    [['--stack', 's', '--ref', '=x'], '--ref is "=x"; allowed: <name>=<value>'],
    [['--stack', 's', '--prot', '1'], 'unknown flag "--prot"; allowed: --stack, --port, --host'],
  ])('refuses %j naming the flag and what it allows', (argv, message) => {
    // Act / Assess
    expect(() => parseServeArgs(argv)).toThrow(message);
  });
});
