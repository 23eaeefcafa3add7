/**
 * Serves the functions of a synthesized Terraform JSON stack on a local Lambda runtime.
 * Run `npx tsx local/cli/serve.ts --help` for usage.
 */

import type { ServeLocalLambdaOptions } from '../lambda-service';
import { defaults, serveLocalLambda } from '../lambda-service';

const USAGE = `Usage: tsx local/cli/serve.ts --stack <cdk.tf.json> [options]

Runs every aws_lambda_function of the stack in local execution environments (real Node processes
speaking the Lambda Runtime API) behind the Lambda Invoke API.

Options:
  --stack <file>               Synthesized Terraform JSON stack (required)
  --port <n>                   Invoke API port (default ${defaults.port}; 0 picks a free one)
  --host <addr>                Listen address (default ${defaults.host})
  --no-freeze                  Do not SIGSTOP environments between invocations
  --idle-timeout <seconds>     Shut down environments idle this long (default ${defaults.idleTimeoutMs / 1000})
  --max-lifetime <seconds>     Retire every environment after this long (default ${defaults.maxLifetimeMs / 1000})
  --account-concurrency <n>    Account-wide concurrent executions (default ${defaults.accountConcurrency})
  --ref <expr>=<value>         Value for a Terraform reference, e.g. --ref var.stage=dev (repeatable)
  --env <NAME>=<value>         Extra environment variable for every function (repeatable)
  --quiet                      Do not print function logs
  --help                       Show this help
`;

class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'EUSAGE';
}

function positiveInt(flag: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min) {
    throw new UsageError(`${flag} must be an integer >= ${min}, got ${JSON.stringify(value ?? null)}`);
  }
  return n;
}

function pair(flag: string, value: string | undefined): [string, string] {
  const at = value?.indexOf('=') ?? -1;
  if (value === undefined || at <= 0)
    throw new UsageError(`${flag} takes <name>=<value>, got ${JSON.stringify(value ?? null)}`);
  return [value.slice(0, at), value.slice(at + 1)];
}

/** Parses the command line into runtime options; throws UsageError naming the flag and what it allows. */
export function parseServeArgs(argv: readonly string[]): (ServeLocalLambdaOptions & { quiet: boolean }) | 'help' {
  let stackFile: string | undefined;
  let port: number = defaults.port;
  let host: string = defaults.host;
  let freeze: boolean = defaults.freeze;
  let idleTimeoutMs: number = defaults.idleTimeoutMs;
  let maxLifetimeMs: number = defaults.maxLifetimeMs;
  let accountConcurrency: number = defaults.accountConcurrency;
  let quiet = false;
  const references: Record<string, string> = {};
  const extraEnv: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') && !arg.startsWith('--ref') && !arg.startsWith('--env')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--stack':
        stackFile = value();
        if (!stackFile) throw new UsageError('--stack needs a file path');
        break;
      case '--port':
        port = positiveInt('--port', value(), 0);
        if (port > 65535) throw new UsageError(`--port must be from 0 to 65535, got ${port}`);
        break;
      case '--host':
        host = value() ?? '';
        if (!host) throw new UsageError('--host needs an address, e.g. 127.0.0.1');
        break;
      case '--no-freeze':
        freeze = false;
        break;
      case '--idle-timeout':
        idleTimeoutMs = positiveInt('--idle-timeout', value(), 1) * 1000;
        break;
      case '--max-lifetime':
        maxLifetimeMs = positiveInt('--max-lifetime', value(), 1) * 1000;
        break;
      case '--account-concurrency':
        accountConcurrency = positiveInt('--account-concurrency', value(), 1);
        break;
      case '--ref': {
        const [k, v] = pair('--ref', value());
        references[k] = v;
        break;
      }
      case '--env': {
        const [k, v] = pair('--env', value());
        extraEnv[k] = v;
        break;
      }
      case '--quiet':
        quiet = true;
        break;
      default:
        throw new UsageError(
          `Unknown flag ${JSON.stringify(arg)}; allowed: --stack, --port, --host, --no-freeze, --idle-timeout, ` +
            '--max-lifetime, --account-concurrency, --ref, --env, --quiet, --help',
        );
    }
  }
  if (!stackFile) throw new UsageError('--stack <cdk.tf.json> is required');
  return {
    stackFile,
    port,
    host,
    freeze,
    idleTimeoutMs,
    maxLifetimeMs,
    accountConcurrency,
    references,
    extraEnv,
    quiet,
  };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseServeArgs>;
  try {
    parsed = parseServeArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const { quiet, ...options } = parsed;
  const service = await serveLocalLambda({ ...options, log: !quiet });
  const rt = service.runtime;
  if (quiet) for (const w of rt.startupWarnings) process.stderr.write(`warning: ${w}\n`);
  rt.on('warning', (w) => process.stderr.write(`warning: ${w}\n`));
  rt.on('environment', (e) => {
    if (e.type === 'ended' && !quiet) {
      process.stdout.write(
        `[${e.environment.function} ${e.environment.id.slice(0, 8)}] environment ended: ${e.reason}\n`,
      );
    }
  });
  const names = rt.control.names();
  process.stdout.write(
    `Local Lambda listening on ${service.url} with ${names.length} function(s): ${names.join(', ')}\n`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void service.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
