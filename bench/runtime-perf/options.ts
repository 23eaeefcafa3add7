/** `bench/runtime-perf.ts`'s command line: its range table, the flag table and the parser made from them. */
import { defineCommandLine, formatHelp, type NumberRange, parseCommandLine, toNumber } from '../../common/cli-args';

/** Every option of a runtime-perf run, resolved. */
export interface RuntimePerfOptions {
  /** Length of each measured scenario. */
  readonly seconds: number;
  /** Warm-latency runs; each measures the bare floor and the Invoke API back to back. */
  readonly warmRuns: number;
  /** Rounds of the concurrency-10 throughput comparison. */
  readonly rounds: number;
  /** SIGSTOP environments between invocations (the targets are for freezing on). */
  readonly freeze: boolean;
}

export const runtimePerfDefaults: RuntimePerfOptions = { seconds: 3, warmRuns: 3, rounds: 3, freeze: true };

/** The one table of allowed values. */
const RANGES = {
  seconds: { min: Number.MIN_VALUE, max: Number.MAX_VALUE, integer: false, allowed: 'a number of seconds above 0' },
  warmRuns: { min: 1, max: 1000 },
  rounds: { min: 1, max: 1000 },
} as const satisfies Record<string, NumberRange>;

const allowed = (range: NumberRange): string => range.allowed ?? `an integer from ${range.min} to ${range.max}`;

export const runtimePerfCommandLine = defineCommandLine({
  usage: 'npx tsx bench/runtime-perf.ts [options]',
  description: `Local Lambda runtime performance: warm invoke latency, throughput against a bare node:http server,
cold-start overhead against node -e 0, and the runtime's RSS with 50 environments alive. Prints a table
and writes bench/results/runtime-perf.json.`,
  flags: {
    seconds: {
      type: 'string',
      valueName: 'S',
      allowed: allowed(RANGES.seconds),
      default: runtimePerfDefaults.seconds,
      description: 'length of each measured scenario',
    },
    'warm-runs': {
      type: 'string',
      valueName: 'N',
      allowed: allowed(RANGES.warmRuns),
      default: runtimePerfDefaults.warmRuns,
      description: 'warm-latency runs, each measuring the bare floor and the Invoke API back to back',
    },
    rounds: {
      type: 'string',
      valueName: 'N',
      allowed: allowed(RANGES.rounds),
      default: runtimePerfDefaults.rounds,
      description: 'rounds of the concurrency-10 throughput comparison',
    },
    'no-freeze': {
      type: 'boolean',
      description: 'measure warm latency and throughput with freezing off (what SIGSTOP/SIGCONT costs)',
    },
  },
});

/** `npx tsx bench/runtime-perf.ts --help`. */
export const USAGE = formatHelp(runtimePerfCommandLine);

/**
 * Parses runtime-perf's command line; a value that is not a number in range fails, never falls back.
 *
 * @throws UsageError naming the flag and what it allows, e.g. `--seconds is "abc"; allowed: a number of seconds above 0`.
 * @example
 * parseRuntimePerfArgs(['--seconds', '1', '--no-freeze']); // { seconds: 1, warmRuns: 3, rounds: 3, freeze: false }
 */
export function parseRuntimePerfArgs(argv: readonly string[]): RuntimePerfOptions | 'help' {
  const parsed = parseCommandLine(runtimePerfCommandLine, argv);
  if (parsed === 'help') return 'help';
  const f = parsed.flags;
  const d = runtimePerfDefaults;
  return {
    seconds: f.seconds === undefined ? d.seconds : toNumber('--seconds', f.seconds, RANGES.seconds),
    warmRuns: f['warm-runs'] === undefined ? d.warmRuns : toNumber('--warm-runs', f['warm-runs'], RANGES.warmRuns),
    rounds: f.rounds === undefined ? d.rounds : toNumber('--rounds', f.rounds, RANGES.rounds),
    freeze: f['no-freeze'] ? false : d.freeze,
  };
}
