/** `npm start`'s command line: the flag table its parser and its `--help` are made from. */
import { defineCommandLine, formatHelp, parseCommandLine, toNumber, UsageError } from '../../common/cli-args';
import {
  type DevStackOptions,
  devStackDefaults,
  type EnvOverride,
  isPostgresUrl,
  LAMBDA_MODES,
  type LambdaMode,
  maxLmiMinEnvironments,
  parseEnvOverride,
} from '../dev-stack';
import { listenerDefaults } from '../net';
import { layerFlag, layerFolders } from './layer-options';

const d = devStackDefaults;
const PORT = { min: 0, max: 65535, allowed: 'an integer from 0 to 65535 (0 picks a free port)' } as const;
const LISTENER_TIMEOUT_S = { min: 1, max: 3600, allowed: 'a whole number of seconds from 1 to 3600' } as const;
const IDLE_TIMEOUT_S = { min: 1, max: 86_400, allowed: 'a whole number of seconds from 1 to 86400' } as const;
const ENV_OVERRIDE = '[fn.]NAME=value (e.g. config.CONFIG_TTL_MS=1000)';
const LAMBDA_MODE_ALLOWED = LAMBDA_MODES.join(' or ');
const LMI_MIN_ENVIRONMENTS = {
  min: 1,
  max: maxLmiMinEnvironments,
  allowed: `an integer from 1 to ${maxLmiMinEnvironments}`,
} as const;
const ALL = '*';

export const startCommandLine = defineCommandLine({
  usage: 'npm start -- [options]     (or: npx tsx local/cli/start.ts [options])',
  description: `Builds the functions, synthesizes the stack (cdktf.out) and serves it locally: an HTTP API for its
routes, the local Lambda runtime for its functions, a local SSM seeded from its parameters, and
PostgreSQL (embedded, data in ${d.pgDataDir}). Ports may be 0 (a free one; the summary shows it).`,
  flags: {
    'http-port': {
      type: 'string',
      valueName: '<n>',
      allowed: PORT.allowed,
      default: d.httpPort,
      description: 'HTTP API port',
    },
    'lambda-port': {
      type: 'string',
      valueName: '<n>',
      allowed: PORT.allowed,
      default: d.lambdaPort,
      description: 'Lambda Invoke API + live view port',
    },
    'ssm-port': {
      type: 'string',
      valueName: '<n>',
      allowed: PORT.allowed,
      default: d.ssmPort,
      description: 'SSM endpoint port',
    },
    'pg-port': {
      type: 'string',
      valueName: '<n>',
      allowed: PORT.allowed,
      default: d.pgPort,
      description: 'embedded PostgreSQL port',
    },
    'pg-data-dir': {
      type: 'string',
      valueName: '<dir>',
      allowed: 'a folder path',
      default: d.pgDataDir,
      description: 'embedded PostgreSQL data folder',
    },
    'database-url': {
      type: 'string',
      valueName: '<url>',
      allowed: 'a postgres:// or postgresql:// connection string',
      secret: true,
      description: 'use this PostgreSQL instead of the embedded one (or env DATABASE_URL)',
    },
    stack: {
      type: 'string',
      valueName: '<file>',
      allowed: 'a cdk.tf.json file',
      description: 'serve this synthesized cdk.tf.json as is (no build, no synth)',
    },
    'lambda-mode': {
      type: 'string',
      valueName: '<mode>',
      allowed: LAMBDA_MODE_ALLOWED,
      default: 'env LAMBDA_MODE, else classic',
      description: `how the functions run: classic, or managed-instances (Lambda Managed Instances:
the stack synthesized with LAMBDA_MODE=managed-instances, one environment serving many
invocations at once; docs/managed-instances.md). With --no-build, cdktf.out must hold it`,
    },
    'lmi-min-environments': {
      type: 'string',
      valueName: '<n>',
      allowed: LMI_MIN_ENVIRONMENTS.allowed,
      default: d.lmiMinEnvironments,
      description: `Managed Instances: environments each function starts ahead of traffic. AWS starts 3
(one per Availability Zone); a laptop can run fewer`,
    },
    'no-build': { type: 'boolean', description: 'skip build and synth; serve what dist/ and cdktf.out/ hold' },
    watch: {
      type: 'boolean',
      description: `rebuild a function when a file it imports under functions/ changes; its next
request is a cold start on the new code (a build error leaves the old code serving).
Not with --stack; with --no-build it watches the sources all the same`,
    },
    inspect: {
      type: 'string',
      valueName: '[=FUNCTION]',
      allowed: 'a function: short name (hello) or deployed name; or none for every function',
      multiple: true,
      description: `start environments with the Node inspector on 127.0.0.1 (port ${d.inspectPort} upward, one each);
no freeze and no timeout for them. Repeatable; see docs/debugging.md`,
    },
    'no-freeze': { type: 'boolean', description: 'do not SIGSTOP environments between invocations' },
    'idle-timeout': {
      type: 'string',
      valueName: '<s>',
      allowed: IDLE_TIMEOUT_S.allowed,
      default: d.idleTimeoutMs / 1000,
      description: 'shut down environments idle this long',
    },
    'headers-timeout': {
      type: 'string',
      valueName: '<s>',
      allowed: LISTENER_TIMEOUT_S.allowed,
      default: listenerDefaults.headersTimeoutMs / 1000,
      description: 'every listener answers 408 to a client whose headers take longer',
    },
    'request-timeout': {
      type: 'string',
      valueName: '<s>',
      allowed: LISTENER_TIMEOUT_S.allowed,
      default: listenerDefaults.requestTimeoutMs / 1000,
      description: 'every listener answers 408 to a client whose whole request (body included) takes longer',
    },
    env: {
      type: 'string',
      valueName: '[fn.]NAME=value',
      allowed: ENV_OVERRIDE,
      multiple: true,
      description: `set a function environment variable over the stack's (repeatable);
fn is a short name (hello, config, breaker...) or the deployed name;
without fn it applies to every function. e.g. --env config.CONFIG_TTL_MS=1000`,
    },
    layer: layerFlag,
    'allow-host': {
      type: 'string',
      valueName: 'name',
      allowed: 'a host name such as dev.example.test',
      multiple: true,
      description: `accept this Host (and Origin) on every listener besides 127.0.0.1, localhost
and [::1] (repeatable; e.g. a tunnel's name). Any other Host gets 403`,
    },
    reset: {
      type: 'boolean',
      description: "drop the local SSM changes kept from earlier runs (start from the stack's values)",
    },
    quiet: { type: 'boolean', description: 'do not print function logs' },
  },
  epilogue: `The stack may be synthesized with DB_MODE=managed (the default: db/host, db/port... and a Secrets
Manager secret id) or DB_MODE=external (db/url): either way the local SSM points the functions at the
local PostgreSQL (in managed mode a local Secrets Manager serves its password under DB_SECRET_ARN, as
on AWS). Other SecureString values
come from .local/secrets.json (git-ignored) or are generated there; no value is ever printed.`,
});

/**
 * `--inspect` takes an optional value, which the parser has no kind for: alone (or before another
 * flag) it means every function (`--inspect=*`); `--inspect hello` is `--inspect=hello`, since
 * `npm start` takes no positional argument.
 */
function inspectValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg !== '--inspect') out.push(arg);
    else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-')) {
        out.push(`--inspect=${next}`);
        i += 1;
      } else out.push(`--inspect=${ALL}`);
    }
  }
  return out;
}

/**
 * `--lambda-mode`, else the LAMBDA_MODE the synth would read (infra/config.ts), else none: the dev stack
 * then synthesizes classic, and a `--stack` file is served as the model it holds.
 */
function parseLambdaMode(flag: string | undefined, env: NodeJS.ProcessEnv): LambdaMode | undefined {
  const [name, text] = flag !== undefined ? ['--lambda-mode', flag] : ['LAMBDA_MODE', env.LAMBDA_MODE || undefined];
  if (text === undefined) return undefined;
  if (!(LAMBDA_MODES as readonly string[]).includes(text)) {
    throw new UsageError({ problem: 'invalid-value', flag: name, value: text, allowed: LAMBDA_MODE_ALLOWED });
  }
  return text as LambdaMode;
}

/** `npm start -- --help`. */
export const USAGE = formatHelp(startCommandLine);

export interface StartArgs {
  readonly options: DevStackOptions;
  readonly quiet: boolean;
}

/**
 * Parses the command line (and DATABASE_URL) into dev stack options.
 *
 * @throws UsageError naming the flag and the allowed values.
 * @example
 * parseStartArgs(['--http-port', '0', '--env', 'config.CONFIG_TTL_MS=1000'], {});
 */
export function parseStartArgs(argv: readonly string[], env: NodeJS.ProcessEnv): StartArgs | 'help' {
  const parsed = parseCommandLine(startCommandLine, inspectValues(argv));
  if (parsed === 'help') return 'help';
  const f = parsed.flags;
  const port = (flag: 'http-port' | 'lambda-port' | 'ssm-port' | 'pg-port'): number | undefined => {
    const text = f[flag];
    return text === undefined ? undefined : toNumber(`--${flag}`, text, PORT);
  };
  const ports = {
    httpPort: port('http-port'),
    lambdaPort: port('lambda-port'),
    ssmPort: port('ssm-port'),
    pgPort: port('pg-port'),
  };
  const idle = f['idle-timeout'];
  const idleTimeoutMs = idle === undefined ? undefined : toNumber('--idle-timeout', idle, IDLE_TIMEOUT_S) * 1000;
  const seconds = (flag: 'headers-timeout' | 'request-timeout'): number | undefined => {
    const text = f[flag];
    return text === undefined ? undefined : toNumber(`--${flag}`, text, LISTENER_TIMEOUT_S) * 1000;
  };
  const headersTimeoutMs = seconds('headers-timeout');
  const requestTimeoutMs = seconds('request-timeout');
  // Node refuses a headers timeout past the request timeout: the headers are part of the request.
  if (
    (headersTimeoutMs ?? listenerDefaults.headersTimeoutMs) > (requestTimeoutMs ?? listenerDefaults.requestTimeoutMs)
  ) {
    throw new UsageError({
      problem: 'invalid-value',
      flag: '--headers-timeout',
      value: f['headers-timeout'] ?? String(listenerDefaults.headersTimeoutMs / 1000),
      allowed: 'at most --request-timeout',
    });
  }
  const listenerLimits =
    headersTimeoutMs === undefined && requestTimeoutMs === undefined
      ? undefined
      : {
          ...listenerDefaults,
          ...(headersTimeoutMs !== undefined ? { headersTimeoutMs } : {}),
          ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
        };
  // The value holds a password: the error shows only what was expected.
  if (f['database-url'] !== undefined && !isPostgresUrl(f['database-url'])) {
    const { allowed } = startCommandLine.flags['database-url'];
    throw new UsageError({ problem: 'invalid-value', flag: '--database-url', allowed });
  }
  const databaseUrl = f['database-url'] ?? (env.DATABASE_URL || undefined);
  const envOverrides: EnvOverride[] = f.env.map((text) => {
    try {
      return parseEnvOverride(text);
    } catch (err) {
      throw new UsageError(
        { problem: 'invalid-value', flag: '--env', value: text, allowed: ENV_OVERRIDE },
        { cause: err },
      );
    }
  });
  const allowHosts = f['allow-host'].map((name) => {
    if (!/^[a-z0-9.-]+$/i.test(name)) {
      throw new UsageError({
        problem: 'invalid-value',
        flag: '--allow-host',
        value: name,
        allowed: startCommandLine.flags['allow-host'].allowed,
      });
    }
    return name;
  });
  if (f.watch && f.stack !== undefined) {
    throw new UsageError({
      problem: 'unexpected-argument',
      flag: '--watch',
      allowed: 'without --stack (--stack serves a snapshot as is; --watch rebuilds from functions/)',
    });
  }
  const lambdaMode = parseLambdaMode(f['lambda-mode'], env);
  const minEnvironments = f['lmi-min-environments'];
  const lmiMinEnvironments =
    minEnvironments === undefined
      ? undefined
      : toNumber('--lmi-min-environments', minEnvironments, LMI_MIN_ENVIRONMENTS);
  const inspect = f.inspect.includes(ALL) ? true : f.inspect.length > 0 ? f.inspect : undefined;
  const layers = layerFolders(f.layer);
  const given: DevStackOptions = {
    watch: f.watch ? true : undefined,
    inspect,
    ...(allowHosts.length > 0 ? { allowHosts } : {}),
    ...(Object.keys(layers).length > 0 ? { layerFolders: layers } : {}),
    ...ports,
    idleTimeoutMs,
    databaseUrl,
    pgDataDir: f['pg-data-dir'],
    stackFile: f.stack,
    lambdaMode,
    lmiMinEnvironments,
    build: f['no-build'] ? false : undefined,
    freeze: f['no-freeze'] ? false : undefined,
    resetParameters: f.reset ? true : undefined,
    listenerLimits,
  };
  // Only what was given: the dev stack's defaults fill the rest.
  const options = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as DevStackOptions;
  return { options: { ...options, envOverrides }, quiet: f.quiet === true };
}
