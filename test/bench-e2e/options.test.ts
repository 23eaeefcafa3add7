import { join } from 'node:path';
import { BenchOptionError, defaults, parseBenchArgs, quick } from '../../bench/runner';

const root = '/repo';

describe('bench command line', () => {
  it('uses the defaults, resolving the output folder against the repository root', () => {
    // Act
    const options = parseBenchArgs([], root);
    // Assess
    expect(options).toEqual({ ...defaults, outDir: join(root, 'bench/results') });
  });

  it('marks a --quick run as a smoke run, and a plain run not', () => {
    // Act
    const smoke = parseBenchArgs(['--quick'], root);
    const plain = parseBenchArgs([], root);
    // Assess
    expect(smoke).toMatchObject({ smokeRun: true });
    expect(plain === 'help' ? undefined : plain.smokeRun).toBeUndefined();
  });

  it('takes --quick as smaller counts that explicit flags still override', () => {
    // Act
    const options = parseBenchArgs(['--quick', '--warm=7'], root);
    // Assess
    expect(options).toMatchObject({ ...quick, warm: 7 });
  });

  it('parses every flag in both --flag value and --flag=value forms', () => {
    // Act
    const options = parseBenchArgs(
      [
        '--cold',
        '3',
        '--warm=4',
        '--concurrency',
        '2',
        '--warmup',
        '0',
        '--functions',
        'hello,db',
        '--out',
        'x',
        '--target',
        'aws',
        '--stack',
        's',
        '--outputs',
        'o.json',
        '--no-build',
      ],
      root,
    );
    // Assess
    expect(options).toEqual({
      ...defaults,
      cold: 3,
      warm: 4,
      concurrency: 2,
      warmup: 0,
      functions: ['hello', 'db'],
      outDir: join(root, 'x'),
      target: 'aws',
      stack: 's',
      outputsFile: join(root, 'o.json'),
      build: false,
    });
  });

  it('answers help for --help', () => {
    expect(parseBenchArgs(['--cold', '2', '--help'], root)).toBe('help');
  });

  it.each([
    [['--cold', '0'], '--cold', /"0".*integer from 1/],
    [['--warm', 'many'], '--warm', /"many".*integer from 2/],
    [['--concurrency', '2.5'], '--concurrency', /"2.5".*integer from 1/],
    [['--target', 'gcp'], '--target', /"gcp".*local or aws/],
    [['--functions', 'hello,nope'], '--functions', /"nope".*hello, hello-lmi, config/],
    [['--outputs', 'o.json'], '--outputs', /only with --target aws/],
    [['--cold'], '--cold', /a value after the flag/],
    [['--fast'], 'argument', /"--fast".*--quick/],
  ])('rejects %j with an error naming %s, the value and what is allowed', (argv, option, message) => {
    // Act
    let caught: unknown;
    try {
      parseBenchArgs(argv, root);
    } catch (error) {
      caught = error;
    }
    // Assess
    expect(caught).toBeInstanceOf(BenchOptionError);
    expect(caught).toMatchObject({ code: 'EBENCHOPTION', option });
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message.startsWith(option)).toBe(true);
  });
});
