/** `npm run faults`'s command line: its range table, the flag table its parser and its `--help` are made from. */
import {
  defineCommandLine,
  formatHelp,
  type NumberRange,
  parseCommandLine,
  toNumber,
  UsageError,
} from '../../common/cli-args';
import { type ScenarioName, scenarioNames } from './types';

/** Every option of a fault-suite run, resolved. */
export interface FaultSuiteOptions {
  /** The scenarios to run, in the suite's order. */
  readonly only: readonly ScenarioName[];
  /** Build the functions and synthesize the stack first (default: serve dist/ and cdktf.out/ as they are). */
  readonly build: boolean;
  /** Write the results here as JSON. */
  readonly jsonFile: string | undefined;
  /** A scenario still running after this fails, and the suite goes on to stop the stack. */
  readonly scenarioTimeoutMs: number;
}

export const faultSuiteDefaults: FaultSuiteOptions = {
  only: scenarioNames,
  build: false,
  jsonFile: undefined,
  scenarioTimeoutMs: 60_000,
};

/** The one table of allowed numbers: the parser converts with it and `--help` names it. */
const RANGES = {
  timeout: { min: 1_000, max: 600_000, allowed: 'an integer of milliseconds from 1000 to 600000' },
} as const satisfies Record<string, NumberRange>;

const ONLY_ALLOWED = `one or more of ${scenarioNames.join(', ')}`;

export const faultsCommandLine = defineCommandLine({
  usage: 'npm run faults -- [options]',
  description: `Starts the local stack (free ports, PostgreSQL data in .local/faults-pg) and injects real faults,
one scenario after the other on that one stack. Each prints one line: what was expected, what was
seen, PASS or FAIL. Exits 1 on any FAIL, 2 on a bad command line.

Scenarios (in the order they run):
  burst        200 invokes at once against reserved concurrency 50: 50 environments, 150 throttles
  db-restart   PostgreSQL stopped and started under load: breakers open and close, no crash, no visit lost
  frozen-kill  database sessions killed while environments are frozen: 0 errors
  ssm-down     SSM stopped: a warm environment serves stale config, a cold start answers 503`,
  flags: {
    only: {
      type: 'string',
      valueName: 'NAME[,NAME]',
      allowed: ONLY_ALLOWED,
      description: 'run only these scenarios',
    },
    json: { type: 'string', valueName: 'FILE', allowed: 'a file name', description: 'also write the results as JSON' },
    build: {
      type: 'boolean',
      description: 'build the functions and synthesize the stack first (npm run synth does both)',
    },
    timeout: {
      type: 'string',
      valueName: 'MS',
      allowed: RANGES.timeout.allowed,
      default: faultSuiteDefaults.scenarioTimeoutMs,
      description: 'bound on each scenario',
    },
  },
});

/** `npm run faults -- --help`. */
export const FAULTS_USAGE = formatHelp(faultsCommandLine);

/**
 * Parses the fault suite's command line (`--flag value` or `--flag=value`), or `'help'`.
 *
 * @throws UsageError naming the flag and what it accepts, e.g. `--only is "meteor"; allowed: one or more of burst, …`.
 * @example
 * parseFaultArgs(['--only', 'burst', '--json', 'faults.json']);
 */
export function parseFaultArgs(argv: readonly string[]): FaultSuiteOptions | 'help' {
  const parsed = parseCommandLine(faultsCommandLine, argv);
  if (parsed === 'help') return 'help';
  const f = parsed.flags;
  let only: readonly ScenarioName[] = faultSuiteDefaults.only;
  if (f.only !== undefined) {
    const asked = f.only.split(',').map((s) => s.trim());
    if (asked.some((s) => !(scenarioNames as readonly string[]).includes(s)))
      throw new UsageError({ problem: 'invalid-value', flag: '--only', value: f.only, allowed: ONLY_ALLOWED });
    only = scenarioNames.filter((s) => asked.includes(s));
  }
  return {
    only,
    build: f.build === true,
    jsonFile: f.json,
    scenarioTimeoutMs:
      f.timeout === undefined ? faultSuiteDefaults.scenarioTimeoutMs : toNumber('--timeout', f.timeout, RANGES.timeout),
  };
}
