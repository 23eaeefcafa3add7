import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  defineCommandLine,
  formatHelp,
  parseCommandLine,
  parseOrAnswer,
  parseOrExit,
  toNumber,
  UsageError,
} from '../../../common/cli-args';
import { CodedError } from '../../../common/errors';

const cli = defineCommandLine({
  usage: 'tool [options] <file>',
  description: 'Does a thing.',
  flags: {
    count: {
      type: 'string',
      valueName: 'N',
      allowed: 'an integer from 1 to 10',
      default: 3,
      description: 'how many',
    },
    env: { type: 'string', valueName: 'NAME=value', multiple: true, description: 'a variable (repeatable)' },
    url: { type: 'string', valueName: '<url>', secret: true, description: 'where to go' },
    'no-build': { type: 'boolean', description: 'skip the build' },
  },
  positionals: [{ name: '<file>', description: 'the input' }],
  epilogue: 'Notes at the end.',
});

function usageError(act: () => unknown): UsageError {
  try {
    act();
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('no UsageError thrown');
}

describe('parseCommandLine', () => {
  it('reads --flag value and --flag=value the same way', () => {
    // Act
    const spaced = parseCommandLine(cli, ['--count', '4']);
    const joined = parseCommandLine(cli, ['--count=4']);

    // Assess
    expect(spaced).toEqual(joined);
    expect(spaced).toMatchObject({ flags: { count: '4' } });
  });

  it('keeps every value of a repeatable flag in order, and the last value of any other', () => {
    // Act
    const parsed = parseCommandLine(cli, ['--env', 'A=1', '--count', '2', '--env=B=2=3', '--count', '5']);

    // Assess
    expect(parsed).toMatchObject({ flags: { env: ['A=1', 'B=2=3'], count: '5' } });
  });

  it('gives a repeatable flag an empty list and leaves other flags out when not given', () => {
    // Act
    const parsed = parseCommandLine(cli, []);

    // Assess
    expect(parsed).toEqual({ flags: { env: [] }, positionals: [] });
  });

  it('takes a --no-X switch as true', () => {
    // Act
    const parsed = parseCommandLine(cli, ['--no-build']);

    // Assess
    expect(parsed).toMatchObject({ flags: { 'no-build': true } });
  });

  it('answers help for --help or -h anywhere, even after a bad flag', () => {
    // Act / Assess
    expect(parseCommandLine(cli, ['--count', '2', '--help'])).toBe('help');
    expect(parseCommandLine(cli, ['--bogus', '-h'])).toBe('help');
  });

  it('keeps positionals and takes what follows -- as positional', () => {
    // Act
    const parsed = parseCommandLine(cli, ['--', '--count']);

    // Assess
    expect(parsed).toMatchObject({ positionals: ['--count'] });
  });

  it('refuses an unknown flag, listing every flag with --help last', () => {
    // Act
    const err = usageError(() => parseCommandLine(cli, ['--cuont', '2']));

    // Assess
    expect(err).toBeInstanceOf(CodedError);
    expect(err).toMatchObject({ code: 'EUSAGE', name: 'UsageError', problem: 'unknown-flag', flag: '--cuont' });
    expect(err.message).toBe('unknown flag "--cuont"; allowed: --count, --env, --url, --no-build, --help');
  });

  it('refuses a flag whose value is missing, or taken by the next flag, naming what it accepts', () => {
    // Act
    const atEnd = usageError(() => parseCommandLine(cli, ['--count']));
    const beforeFlag = usageError(() => parseCommandLine(cli, ['--count', '--no-build']));
    const empty = usageError(() => parseCommandLine(cli, ['--count=']));

    // Assess
    for (const err of [atEnd, beforeFlag, empty]) {
      expect(err).toMatchObject({ problem: 'missing-value', flag: '--count' });
      expect(err.message).toBe('--count needs a value; allowed: an integer from 1 to 10');
    }
  });

  it('refuses a value given to a switch', () => {
    // Act
    const err = usageError(() => parseCommandLine(cli, ['--no-build=yes']));

    // Assess
    expect(err.message).toBe('--no-build is "yes"; allowed: no value (a switch)');
  });

  it('refuses more positionals than declared', () => {
    // Act
    const err = usageError(() => parseCommandLine(cli, ['a.json', 'b.json']));

    // Assess
    expect(err).toMatchObject({ problem: 'unexpected-argument', flag: 'b.json' });
    expect(err.message).toBe('unexpected argument "b.json"; allowed: at most <file>');
  });

  it('refuses a missing required flag or positional', () => {
    // Prepare
    const strict = defineCommandLine({
      usage: 'tool',
      flags: { stack: { type: 'string', allowed: 'a stack file', required: true, description: 'the stack' } },
      positionals: [{ name: '<out>', description: 'an output folder', required: true }],
    });

    // Act
    const noFlag = usageError(() => parseCommandLine(strict, ['out']));
    const noPositional = usageError(() => parseCommandLine(strict, ['--stack', 's']));

    // Assess
    expect(noFlag.message).toBe('--stack is required; allowed: a stack file');
    expect(noPositional.message).toBe('<out> is required; allowed: an output folder');
  });
});

describe('toNumber', () => {
  it('converts decimal text inside the range', () => {
    // Act / Assess
    expect(toNumber('--count', '10', { min: 1, max: 10 })).toBe(10);
    expect(toNumber('--seconds', '0.5', { min: 0.1, max: 5, integer: false })).toBe(0.5);
  });

  it.each(['abc', '', ' 3', '0x3', '1e1', '2.5', '0', '11', 'Infinity'])(
    'refuses %j instead of falling back, naming the flag and the range',
    (text) => {
      // Act
      const err = usageError(() => toNumber('--count', text, { min: 1, max: 10 }));

      // Assess
      expect(err).toMatchObject({ code: 'EUSAGE', problem: 'invalid-value', flag: '--count', value: text });
      expect(err.message).toBe(`--count is ${JSON.stringify(text)}; allowed: an integer from 1 to 10`);
    },
  );

  it('uses the words it is given for what is allowed', () => {
    // Act
    const err = usageError(() =>
      toNumber('--seconds', 'abc', { min: Number.MIN_VALUE, max: 60, integer: false, allowed: 'seconds above 0' }),
    );

    // Assess
    expect(err.message).toBe('--seconds is "abc"; allowed: seconds above 0');
  });
});

describe('UsageError', () => {
  it('never shows a value it was not given, so a secret stays out of the message', () => {
    // Act
    const err = new UsageError({ problem: 'invalid-value', flag: '--url', allowed: 'a postgres:// URL' });

    // Assess
    expect(err.message).toBe('--url is not allowed (value hidden); allowed: a postgres:// URL');
    expect(err).not.toHaveProperty('value');
  });
});

describe('formatHelp', () => {
  it('writes one aligned line per flag from the table, with value names and defaults, --help last', () => {
    // Act
    const help = formatHelp(cli);

    // Assess
    expect(help).toBe(
      [
        'Usage: tool [options] <file>',
        '',
        'Does a thing.',
        '',
        'Arguments:',
        '  <file>            the input',
        '',
        'Options:',
        '  --count N         how many (default 3)',
        '  --env NAME=value  a variable (repeatable)',
        '  --url <url>       where to go',
        '  --no-build        skip the build',
        '  --help            show this help',
        '',
        'Notes at the end.',
        '',
      ].join('\n'),
    );
  });

  it('indents the continuation lines of a long description under the first', () => {
    // Prepare
    const multi = defineCommandLine({
      usage: 'tool',
      flags: { env: { type: 'string', valueName: 'X', description: 'first line\nsecond line' } },
    });

    // Act
    const help = formatHelp(multi);

    // Assess
    expect(help).toContain('  --env X  first line\n           second line\n');
  });
});

describe('parseOrExit', () => {
  const exited = (code: number): never => {
    throw Object.assign(new Error('exit'), { exitCode: code });
  };

  function run(parse: () => unknown): { out: string; err: string; code: number | undefined; value?: unknown } {
    let out = '';
    let err = '';
    const io = {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t) },
      exit: exited,
    };
    try {
      const value = parseOrExit(parse, 'HELP TEXT\n', io);
      return { out, err, code: undefined, value };
    } catch (e) {
      return { out, err, code: (e as { exitCode?: number }).exitCode };
    }
  }

  it('prints the help on stdout and exits 0 for --help', () => {
    // Act
    const result = run(() => parseCommandLine(cli, ['--help']));

    // Assess
    expect(result).toEqual({ out: 'HELP TEXT\n', err: '', code: 0 });
  });

  it('prints a usage error on stderr and exits 2', () => {
    // Act
    const result = run(() => parseCommandLine(cli, ['--count']));

    // Assess
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      'error: --count needs a value; allowed: an integer from 1 to 10\n\nRun with --help for usage.\n',
    );
  });

  it('throws any other error on, unprinted', () => {
    // Prepare
    let printed = '';
    const io = {
      stdout: { write: (t: string) => (printed += t) },
      stderr: { write: (t: string) => (printed += t) },
      exit: exited,
    };

    // Act / Assess
    expect(() =>
      parseOrExit(
        () => {
          throw new Error('disk full');
        },
        'HELP TEXT\n',
        io,
      ),
    ).toThrow('disk full');
    expect(printed).toBe('');
  });

  it('exits a real CLI process with status 2 and the message on stderr', () => {
    // Act
    const out = spawnSync(
      require.resolve('node/bin/node'),
      ['--import', 'tsx', 'bench/probes/sigchld-cost.ts', '--cycles', 'many'],
      { cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8', timeout: 30_000 },
    );

    // Assess
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('--cycles is "many"; allowed: an integer from 1 to 1000000');
  });
});

describe('parseOrAnswer', () => {
  it('writes the help and answers 0, writes a usage error and answers 2, and passes options through', () => {
    // Prepare
    const written: string[] = [];
    const write = (text: string) => written.push(text);

    // Act
    const help = parseOrAnswer(() => 'help' as const, 'usage text\n', write);
    const bad = parseOrAnswer(
      () => {
        throw new UsageError({ problem: 'invalid-value', flag: '--n', value: 'x', allowed: 'a number' });
      },
      'usage text\n',
      write,
    );
    const good = parseOrAnswer(() => ({ n: 1 }), 'usage text\n', write);

    // Assess
    expect(help).toEqual({ exitCode: 0 });
    expect(bad).toEqual({ exitCode: 2 });
    expect(good).toEqual({ options: { n: 1 } });
    expect(written[0]).toBe('usage text\n');
    expect(written[1]).toContain('error: --n is "x"; allowed: a number');
  });
});
