import { parseSmokeArgs, SMOKE_USAGE, smokeOptionDefaults } from '../../bench/smoke';
import { UsageError } from '../../common/cli-args';

describe('smoke command line', () => {
  it('checks the local stack it starts when no flag is given', () => {
    // Act
    const options = parseSmokeArgs([]);

    // Assess
    expect(options).toEqual(smokeOptionDefaults);
  });

  it('reads --flag value and --flag=value alike, dropping the URL trailing slash', () => {
    // Act
    const options = parseSmokeArgs(['--url=http://127.0.0.1:3000/', '--timeout', '500']);

    // Assess
    expect(options).toMatchObject({ url: 'http://127.0.0.1:3000', requestTimeoutMs: 500, build: true });
  });

  it('reads the aws-only flags with --target aws', () => {
    // Act
    const options = parseSmokeArgs(['--target', 'aws', '--stack', 'other', '--outputs', 'o.json', '--tofu']);

    // Assess
    expect(options).toMatchObject({ target: 'aws', stack: 'other', outputsFile: 'o.json', tool: 'tofu' });
  });

  it.each([
    [['--timeout', '0'], '--timeout is "0"; allowed: an integer from 1 to 600000 (ms)'],
    [['--timeout', '1e3'], '--timeout is "1e3"; allowed: an integer from 1 to 600000 (ms)'],
    [['--url', 'ftp://x'], '--url is "ftp://x"; allowed: an http(s) URL'],
    [['--url'], '--url needs a value; allowed: an http(s) URL'],
    [['--stack', 'x'], '--stack is "x"; allowed: only with --target aws'],
    [['--target', 'aws', '--no-build'], '--no-build is "true"; allowed: only with --target local and no --url'],
    [['extra'], 'unexpected argument "extra"; allowed: --target, --url'],
  ])('refuses %j with a usage error naming the flag', (argv, message) => {
    // Act
    const parse = () => parseSmokeArgs(argv);

    // Assess
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });

  it('answers --help with help made from the flag table', () => {
    // Act
    const parsed = parseSmokeArgs(['--help']);

    // Assess
    expect(parsed).toBe('help');
    expect(SMOKE_USAGE).toContain('--timeout MS');
    expect(SMOKE_USAGE).toContain('(default 30000)');
  });
});
