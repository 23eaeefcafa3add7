/**
 * `npm start`: the whole stack on this machine. Builds the functions, synthesizes the CDKTF stack and
 * serves it: HTTP API, local Lambda runtime (+ live view), local SSM and PostgreSQL.
 * Run `npm start -- --help` for the flags.
 */
import { performance } from 'node:perf_hooks';
import {
  type DevStack,
  DevStackError,
  type DevStackOptions,
  devStackDefaults,
  type EnvOverride,
  formatLogEvent,
  formatSummary,
  isPostgresUrl,
  parseEnvOverride,
  startDevStack,
} from '../dev-stack';

const d = devStackDefaults;
/** Repeats of a signal within this window are the same Ctrl-C, relayed. */
const repeatWindowMs = 1_500;
export const USAGE = `Usage: npm start -- [options]     (or: npx tsx local/cli/start.ts [options])

Builds the functions, synthesizes the stack (cdktf.out) and serves it locally: an HTTP API for its
routes, the local Lambda runtime for its functions, a local SSM seeded from its parameters, and
PostgreSQL (embedded, data in ${d.pgDataDir}). Ports may be 0 (a free one; the summary shows it).

Options:
  --http-port <n>        HTTP API port (default ${d.httpPort})
  --lambda-port <n>      Lambda Invoke API + live view port (default ${d.lambdaPort})
  --ssm-port <n>         SSM endpoint port (default ${d.ssmPort})
  --pg-port <n>          embedded PostgreSQL port (default ${d.pgPort})
  --pg-data-dir <dir>    embedded PostgreSQL data folder (default ${d.pgDataDir})
  --database-url <url>   use this PostgreSQL instead of the embedded one (or env DATABASE_URL)
  --stack <file>         serve this synthesized cdk.tf.json as is (no build, no synth)
  --no-build             skip build and synth; serve what dist/ and cdktf.out/ hold
  --no-freeze            do not SIGSTOP environments between invocations
  --idle-timeout <s>     shut down environments idle this long (default ${d.idleTimeoutMs / 1000})
  --env [fn.]NAME=value  set a function environment variable over the stack's (repeatable);
                         fn is a short name (hello, config, breaker...) or the deployed name;
                         without fn it applies to every function. e.g. --env config.CONFIG_TTL_MS=1000
  --reset                drop the local SSM changes kept from earlier runs (start from the stack's values)
  --quiet                do not print function logs
  --help                 show this help

The stack may be synthesized with DB_MODE=managed (the default: db/host, db/port... and a Secrets
Manager secret id) or DB_MODE=external (db/url): either way the local SSM points the functions at the
local PostgreSQL (in managed mode a local Secrets Manager serves its password under DB_SECRET_ARN, as on
AWS). Other SecureString values
come from .local/secrets.json (git-ignored) or are generated there; no value is ever printed.
`;

/** A bad command line; the message names the flag and what it allows. */
export class UsageError extends DevStackError {
  override name = 'UsageError';
  constructor(message: string) {
    super('EUSAGE', message);
  }
}

const flags = [
  '--http-port',
  '--lambda-port',
  '--ssm-port',
  '--pg-port',
  '--pg-data-dir',
  '--database-url',
  '--stack',
  '--no-build',
  '--no-freeze',
  '--idle-timeout',
  '--env',
  '--reset',
  '--quiet',
  '--help',
] as const;

function integer(flag: string, value: string | undefined, min: number, max: number, what: string): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be ${what}, got ${JSON.stringify(value ?? null)}`);
  }
  return n;
}

export interface StartArgs {
  readonly options: DevStackOptions;
  readonly quiet: boolean;
}

/**
 * Parses the command line (and DATABASE_URL) into dev stack options. Throws UsageError naming the
 * flag and the allowed values.
 *
 * @example
 * parseStartArgs(['--http-port', '0', '--env', 'config.CONFIG_TTL_MS=1000'], {});
 */
export function parseStartArgs(argv: readonly string[], env: NodeJS.ProcessEnv): StartArgs | 'help' {
  const o: { -readonly [K in keyof DevStackOptions]: DevStackOptions[K] } = {};
  const envOverrides: EnvOverride[] = [];
  let quiet = false;
  if (env.DATABASE_URL) o.databaseUrl = env.DATABASE_URL;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    const port = (): number => integer(flag, value(), 0, 65535, 'an integer from 0 to 65535 (0 picks a free port)');
    const text = (what: string): string => {
      const v = value();
      if (v === undefined || v === '' || v.startsWith('--')) throw new UsageError(`${flag} needs ${what}`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--http-port':
        o.httpPort = port();
        break;
      case '--lambda-port':
        o.lambdaPort = port();
        break;
      case '--ssm-port':
        o.ssmPort = port();
        break;
      case '--pg-port':
        o.pgPort = port();
        break;
      case '--pg-data-dir':
        o.pgDataDir = text('a folder path');
        break;
      case '--database-url': {
        const url = text('a postgres:// connection string');
        // The value holds a password: the message shows only what was expected.
        if (!isPostgresUrl(url))
          throw new UsageError(
            '--database-url must be a postgres:// or postgresql:// connection string (value hidden)',
          );
        o.databaseUrl = url;
        break;
      }
      case '--stack':
        o.stackFile = text('a cdk.tf.json file');
        break;
      case '--no-build':
        o.build = false;
        break;
      case '--no-freeze':
        o.freeze = false;
        break;
      case '--idle-timeout':
        o.idleTimeoutMs = integer(flag, value(), 1, 86_400, 'a whole number of seconds from 1 to 86400') * 1000;
        break;
      case '--env':
        try {
          envOverrides.push(parseEnvOverride(text('[fn.]NAME=value')));
        } catch (err) {
          throw new UsageError(
            `--env takes [fn.]NAME=value (e.g. config.CONFIG_TTL_MS=1000), got ${JSON.stringify(argv[i])}; ${(err as Error).message}`,
          );
        }
        break;
      case '--reset':
        o.resetParameters = true;
        break;
      case '--quiet':
        quiet = true;
        break;
      default:
        throw new UsageError(`unknown flag ${JSON.stringify(arg)}; allowed: ${flags.join(', ')}`);
    }
  }
  return { options: { ...o, envOverrides }, quiet };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseStartArgs>;
  try {
    parsed = parseStartArgs(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n\nRun with --help for usage.\n`);
    process.exit(2);
  }
  if (parsed === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const out = (line: string): void => void process.stdout.write(line);
  const started = performance.now();
  let stack: DevStack | undefined;
  let signalled: NodeJS.Signals | undefined;
  let short = (name: string): string => name;

  const shutdown = async (): Promise<void> => {
    if (!stack) return;
    const live = stack.runtime.environments().length;
    out(
      `\nStopping: ${live} environment(s) get SIGTERM, then PostgreSQL${stack.database.kind === 'embedded' ? '' : ' (external: left running)'} ...\n`,
    );
    await stack.stop();
    out('Stopped. Nothing left running.\n');
  };
  let signalledAt = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) {
      // A terminal's Ctrl-C reaches this process twice: from the terminal, and relayed by the tsx
      // (or npm) wrapper. Only a later, deliberate second Ctrl-C means "stop waiting".
      if (Date.now() - signalledAt < repeatWindowMs) return;
      out(`\n${signal} again: exiting now.\n`);
      process.exit(130);
    }
    signalled = signal;
    signalledAt = Date.now();
    if (!stack) return; // still starting: stopped as soon as the start completes
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while stopping: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  stack = await startDevStack({
    ...parsed.options,
    onProgress: (line) => out(`- ${line}\n`),
    onHttpLog: (line) => out(`${line}\n`),
    ...(parsed.quiet ? {} : { onLog: (event) => out(formatLogEvent(event, short)) }),
  });
  const names = new Map(stack.endpoints.map((e) => [e.functionName, e.shortName]));
  short = (name) => names.get(name) ?? name;
  stack.runtime.on('environment', (e) => {
    if (e.type === 'ended' && !parsed.quiet) {
      const env = e.environment;
      out(
        `[${short(env.function)} ${env.id.slice(0, 8)}] SHUTDOWN (${e.reason}) after ${env.invocations} invocation(s)\n`,
      );
    }
  });
  stack.runtime.on('warning', (w) => process.stderr.write(`warning: ${w}\n`));
  if (signalled) {
    await shutdown();
    process.exit(0);
  }
  out(formatSummary(stack, { rootDir: process.cwd(), startedInMs: performance.now() - started }));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    const e = err as Error & { code?: string };
    process.stderr.write(`error: ${e.name}${e.code ? ` [${e.code}]` : ''}: ${e.message}\n`);
    process.exit(1);
  });
}
