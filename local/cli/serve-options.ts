/** `local/cli/serve.ts`'s command line: the flag table its parser and its `--help` are made from. */
import { defineCommandLine, formatHelp, parseCommandLine, toNumber, UsageError } from '../../common/cli-args';
import { defaults } from '../lambda-service';
import { layerFlag, layerFolders } from './layer-options';

const PORT = { min: 0, max: 65535, allowed: 'an integer from 0 to 65535 (0 picks a free port)' } as const;
// Seconds here, milliseconds in the runtime, which takes any safe integer.
const SECONDS = {
  min: 1,
  max: Math.floor(Number.MAX_SAFE_INTEGER / 1000),
  allowed: 'a whole number of seconds of at least 1',
} as const;
const CONCURRENCY = { min: 1, max: 100_000 } as const;
const PAIR = '<name>=<value>';

export const serveCommandLine = defineCommandLine({
  usage: 'tsx local/cli/serve.ts --stack <cdk.tf.json> [options]',
  description: `Runs every aws_lambda_function of the stack in local execution environments (real Node processes
speaking the Lambda Runtime API) behind the Lambda Invoke API.`,
  flags: {
    stack: {
      type: 'string',
      valueName: '<file>',
      allowed: 'a synthesized Terraform JSON stack (cdk.tf.json)',
      required: true,
      description: 'synthesized Terraform JSON stack (required)',
    },
    port: {
      type: 'string',
      valueName: '<n>',
      allowed: PORT.allowed,
      default: defaults.port,
      description: 'Invoke API port; 0 picks a free one',
    },
    host: {
      type: 'string',
      valueName: '<addr>',
      allowed: 'an address, e.g. 127.0.0.1',
      default: defaults.host,
      description: 'listen address',
    },
    'no-freeze': { type: 'boolean', description: 'do not SIGSTOP environments between invocations' },
    'idle-timeout': {
      type: 'string',
      valueName: '<seconds>',
      allowed: SECONDS.allowed,
      default: defaults.idleTimeoutMs / 1000,
      description: 'shut down environments idle this long',
    },
    'max-lifetime': {
      type: 'string',
      valueName: '<seconds>',
      allowed: SECONDS.allowed,
      default: defaults.maxLifetimeMs / 1000,
      description: 'retire every environment after this long',
    },
    'account-concurrency': {
      type: 'string',
      valueName: '<n>',
      allowed: `an integer from ${CONCURRENCY.min} to ${CONCURRENCY.max}`,
      default: defaults.accountConcurrency,
      description: 'account-wide concurrent executions',
    },
    ref: {
      type: 'string',
      valueName: '<expr>=<value>',
      allowed: PAIR,
      multiple: true,
      description: 'value for a Terraform reference, e.g. --ref var.stage=dev (repeatable)',
    },
    env: {
      type: 'string',
      valueName: '<NAME>=<value>',
      allowed: PAIR,
      multiple: true,
      description: 'extra environment variable for every function (repeatable)',
    },
    layer: layerFlag,
    quiet: { type: 'boolean', description: 'do not print function logs' },
  },
});

/** `serve.ts --help`. */
export const USAGE = formatHelp(serveCommandLine);

/** What serve runs with: the runtime's options from the command line, and whether to print logs. */
export interface ServeArgs {
  readonly stackFile: string;
  readonly port: number;
  readonly host: string;
  readonly freeze: boolean;
  readonly idleTimeoutMs: number;
  readonly maxLifetimeMs: number;
  readonly accountConcurrency: number;
  readonly references: Record<string, string>;
  readonly extraEnv: Record<string, string>;
  /** `--layer ARN=FOLDER`: layers the stack does not declare, by ARN. */
  readonly layerFolders?: Record<string, string>;
  readonly quiet: boolean;
}

function pairs(flag: string, texts: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const text of texts) {
    const at = text.indexOf('=');
    if (at <= 0) throw new UsageError({ problem: 'invalid-value', flag, value: text, allowed: PAIR });
    out[text.slice(0, at)] = text.slice(at + 1);
  }
  return out;
}

/**
 * Parses the command line into runtime options, the runtime's defaults filling what is not given.
 *
 * @throws UsageError naming the flag and what it allows.
 * @example
 * parseServeArgs(['--stack', 'cdk.tf.json', '--port', '0', '--ref', 'var.stage=dev']);
 */
export function parseServeArgs(argv: readonly string[]): ServeArgs | 'help' {
  const parsed = parseCommandLine(serveCommandLine, argv);
  if (parsed === 'help') return 'help';
  const f = parsed.flags;
  const seconds = (flag: string, text: string | undefined, fallbackMs: number): number =>
    text === undefined ? fallbackMs : toNumber(flag, text, SECONDS) * 1000;
  const layers = layerFolders(f.layer);
  return {
    stackFile: f.stack as string,
    ...(Object.keys(layers).length > 0 ? { layerFolders: layers } : {}),
    port: f.port === undefined ? defaults.port : toNumber('--port', f.port, PORT),
    host: f.host ?? defaults.host,
    freeze: f['no-freeze'] ? false : defaults.freeze,
    idleTimeoutMs: seconds('--idle-timeout', f['idle-timeout'], defaults.idleTimeoutMs),
    maxLifetimeMs: seconds('--max-lifetime', f['max-lifetime'], defaults.maxLifetimeMs),
    accountConcurrency:
      f['account-concurrency'] === undefined
        ? defaults.accountConcurrency
        : toNumber('--account-concurrency', f['account-concurrency'], CONCURRENCY),
    references: pairs('--ref', f.ref),
    extraEnv: pairs('--env', f.env),
    quiet: f.quiet === true,
  };
}
