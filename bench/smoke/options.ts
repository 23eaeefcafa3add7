/** `npm run smoke`'s command line: its range table, the flag table its parser and its `--help` are made from. */
import {
  defineCommandLine,
  formatHelp,
  type NumberRange,
  parseCommandLine,
  toNumber,
  UsageError,
} from '../../common/cli-args';
import type { TargetKind, TerraformTool } from '../targets';

/** Every option of a smoke run, resolved. */
export interface SmokeOptions {
  readonly target: TargetKind;
  /** A running stack's HTTP API; with it nothing is started or read from Terraform. */
  readonly url: string | undefined;
  /** Stack for `terraform output -json` with --target aws. */
  readonly stack: string;
  readonly outputsFile: string | undefined;
  /** The CLI that reads the outputs: undefined tries terraform, then tofu. */
  readonly tool: TerraformTool | undefined;
  /** Local: build and synthesize before starting the stack. */
  readonly build: boolean;
  readonly requestTimeoutMs: number;
}

export const smokeOptionDefaults: SmokeOptions = {
  target: 'local',
  url: undefined,
  stack: 'lambda-reuse-lab-dev',
  outputsFile: undefined,
  tool: undefined,
  build: true,
  requestTimeoutMs: 30_000,
};

/** The one table of allowed numbers: the parser converts with it and `--help` names it. */
const RANGES = {
  timeout: { min: 1, max: 600_000, allowed: 'an integer from 1 to 600000 (ms)' },
} as const satisfies Record<string, NumberRange>;

const TARGETS: readonly TargetKind[] = ['local', 'aws'];

export const smokeCommandLine = defineCommandLine({
  usage: 'npm run smoke -- [options]',
  description: `Hits every demo endpoint of a stack and checks what the project claims: one instance for sequential
calls, new ones under concurrency, a pooled backendPid for /db and a new one per call for /db/naive,
config from memory, the breaker opening on ?fault=fail. Prints a table; exits 1 on any miss, 2 on a
bad command line.`,
  flags: {
    target: {
      type: 'string',
      valueName: 'local|aws',
      allowed: TARGETS.join(' or '),
      // No `default` field: it would print after the aws line; the first line says it instead.
      description:
        'local (default): start the local stack here, as npm start does;\naws: the deployed stack, its API URL from terraform/tofu output -json',
    },
    url: {
      type: 'string',
      valueName: 'URL',
      allowed: 'an http(s) URL',
      description: "a running stack's HTTP API instead (e.g. http://127.0.0.1:3000 for npm start)",
    },
    stack: {
      type: 'string',
      valueName: 'NAME',
      allowed: 'a stack name',
      default: smokeOptionDefaults.stack,
      description: 'aws: output -json in cdktf.out/stacks/NAME',
    },
    outputs: {
      type: 'string',
      valueName: 'FILE',
      allowed: 'a JSON file',
      description: "aws: the stack's outputs as JSON instead of terraform",
    },
    tofu: {
      type: 'boolean',
      description: 'aws: read the outputs with tofu (default: terraform, or tofu when it is missing)',
    },
    'no-build': { type: 'boolean', description: 'local: serve dist/ and cdktf.out/ as they are' },
    timeout: {
      type: 'string',
      valueName: 'MS',
      allowed: RANGES.timeout.allowed,
      default: smokeOptionDefaults.requestTimeoutMs,
      description: 'bound on each request',
    },
  },
});

/** `npm run smoke -- --help`. */
export const SMOKE_USAGE = formatHelp(smokeCommandLine);

/** A flag that is valid alone but not with the target (or --url) given. */
const notHere = (flag: string, value: string | boolean, allowed: string): UsageError =>
  new UsageError({ problem: 'invalid-value', flag, value: String(value), allowed });

/**
 * Parses the smoke command line (`--flag value` or `--flag=value`), or `'help'`.
 *
 * @throws UsageError naming the flag and what it accepts, e.g. `--target is "gcp"; allowed: local or aws`.
 * @example
 * parseSmokeArgs(['--target', 'local', '--url', 'http://127.0.0.1:3000']);
 */
export function parseSmokeArgs(argv: readonly string[]): SmokeOptions | 'help' {
  const parsed = parseCommandLine(smokeCommandLine, argv);
  if (parsed === 'help') return 'help';
  const f = parsed.flags;
  const target = f.target ?? smokeOptionDefaults.target;
  if (!(TARGETS as readonly string[]).includes(target))
    throw new UsageError({ problem: 'invalid-value', flag: '--target', value: target, allowed: TARGETS.join(' or ') });
  const url = f.url;
  if (url !== undefined && !/^https?:\/\/[^/]+/.test(url))
    throw new UsageError({ problem: 'invalid-value', flag: '--url', value: url, allowed: 'an http(s) URL' });
  const requestTimeoutMs =
    f.timeout === undefined ? smokeOptionDefaults.requestTimeoutMs : toNumber('--timeout', f.timeout, RANGES.timeout);
  for (const awsOnly of ['outputs', 'tofu', 'stack'] as const) {
    const given = f[awsOnly];
    if (given !== undefined && target !== 'aws') throw notHere(`--${awsOnly}`, given, 'only with --target aws');
  }
  if (f['no-build'] !== undefined && (target !== 'local' || url !== undefined))
    throw notHere('--no-build', true, 'only with --target local and no --url');
  return {
    target: target as TargetKind,
    url: url?.replace(/\/+$/, ''),
    stack: f.stack ?? smokeOptionDefaults.stack,
    outputsFile: f.outputs,
    tool: f.tofu ? 'tofu' : undefined,
    build: f['no-build'] !== true,
    requestTimeoutMs,
  };
}
