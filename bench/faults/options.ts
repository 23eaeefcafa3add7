import { parseArgs } from 'node:util';
import { InvalidOptionError } from '../../common/errors';
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

export const FAULTS_USAGE = `Usage: npm run faults -- [options]

Starts the local stack (free ports, PostgreSQL data in .local/faults-pg) and injects real faults,
one scenario after the other on that one stack. Each prints one line: what was expected, what was
seen, PASS or FAIL. Exits 1 on any FAIL, 2 on a bad command line.

Scenarios (in the order they run):
  burst        200 invokes at once against reserved concurrency 50: 50 environments, 150 throttles
  db-restart   PostgreSQL stopped and started under load: breakers open and close, no crash, no visit lost
  frozen-kill  database sessions killed while environments are frozen: 0 errors
  ssm-down     SSM stopped: a warm environment serves stale config, a cold start answers 503

Options:
  --only NAME[,NAME]   run only these scenarios
  --json FILE          also write the results as JSON
  --build              build the functions and synthesize the stack first (npm run synth does both)
  --timeout MS         bound on each scenario (default ${faultSuiteDefaults.scenarioTimeoutMs})
  --help               show this help
`;

const flags = {
  only: { type: 'string' },
  json: { type: 'string' },
  build: { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean' },
} as const;

const bad = (option: string, value: unknown, allowed: string): InvalidOptionError =>
  new InvalidOptionError({ component: 'faults', option, value, allowed });

/**
 * Parses the fault suite's command line. Throws InvalidOptionError naming the flag and what it accepts.
 *
 * @example
 * parseFaultArgs(['--only', 'burst', '--json', 'faults.json']);
 */
export function parseFaultArgs(argv: readonly string[]): FaultSuiteOptions | 'help' {
  let values: { only?: string; json?: string; build?: boolean; timeout?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals: false }));
  } catch (err) {
    throw bad('command line', argv.join(' '), `the flags in --help (${(err as Error).message})`);
  }
  if (values.help) return 'help';
  let only: readonly ScenarioName[] = faultSuiteDefaults.only;
  if (values.only !== undefined) {
    const asked = values.only.split(',').map((s) => s.trim());
    const unknown = asked.filter((s) => !(scenarioNames as readonly string[]).includes(s));
    if (asked.length === 0 || unknown.length > 0)
      throw bad('--only', values.only, `one or more of ${scenarioNames.join(', ')}`);
    only = scenarioNames.filter((s) => asked.includes(s));
  }
  let scenarioTimeoutMs = faultSuiteDefaults.scenarioTimeoutMs;
  if (values.timeout !== undefined) {
    scenarioTimeoutMs = Number(values.timeout);
    if (!Number.isInteger(scenarioTimeoutMs) || scenarioTimeoutMs < 1_000 || scenarioTimeoutMs > 600_000)
      throw bad('--timeout', values.timeout, 'an integer of milliseconds from 1000 to 600000');
  }
  if (values.json === '') throw bad('--json', values.json, 'a file name');
  return { only, build: values.build === true, jsonFile: values.json, scenarioTimeoutMs };
}
