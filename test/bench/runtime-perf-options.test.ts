import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseRuntimePerfArgs, runtimePerfDefaults } from '../../bench/runtime-perf/options';
import { UsageError } from '../../common/cli-args';

describe('runtime-perf command line', () => {
  it('uses the defaults when no flag is given', () => {
    // Act
    const options = parseRuntimePerfArgs([]);

    // Assess
    expect(options).toEqual({ seconds: 3, warmRuns: 3, rounds: 3, freeze: true });
    expect(options).toEqual(runtimePerfDefaults);
  });

  it('reads every flag, a fraction of a second included', () => {
    // Act
    const options = parseRuntimePerfArgs(['--seconds', '0.5', '--warm-runs=2', '--rounds', '5', '--no-freeze']);

    // Assess
    expect(options).toEqual({ seconds: 0.5, warmRuns: 2, rounds: 5, freeze: false });
  });

  it.each([
    [['--seconds', 'abc'], '--seconds is "abc"; allowed: a number of seconds above 0'],
    [['--seconds', '0'], '--seconds is "0"; allowed: a number of seconds above 0'],
    [['--warm-runs', '2.5'], '--warm-runs is "2.5"; allowed: an integer from 1 to 1000'],
    [['--rounds'], '--rounds needs a value; allowed: an integer from 1 to 1000'],
    [['--second', '3'], 'unknown flag "--second"; allowed: --seconds, --warm-runs, --rounds, --no-freeze, --help'],
  ])('refuses %j instead of falling back to a default', (argv, message) => {
    // Act
    let caught: unknown;
    try {
      parseRuntimePerfArgs(argv);
    } catch (err) {
      caught = err;
    }

    // Assess
    expect(caught).toBeInstanceOf(UsageError);
    expect(caught).toMatchObject({ code: 'EUSAGE', message });
  });

  it('exits 2 before measuring anything on --seconds abc', () => {
    // Act
    const out = spawnSync(
      require.resolve('node/bin/node'),
      ['--import', 'tsx', 'bench/runtime-perf.ts', '--seconds', 'abc'],
      { cwd: join(__dirname, '..', '..'), encoding: 'utf8', timeout: 30_000 },
    );

    // Assess
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('--seconds is "abc"; allowed: a number of seconds above 0');
  });
});
