import { parseArgs } from 'node:util';
import { InvalidOptionError } from '../../common/errors';
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

export const SMOKE_USAGE = `Usage: npm run smoke -- [options]

Hits every demo endpoint of a stack and checks what the project claims: one instance for sequential
calls, new ones under concurrency, a pooled backendPid for /db and a new one per call for /db/naive,
config from memory, the breaker opening on ?fault=fail. Prints a table; exits 1 on any miss.

Options:
  --target local|aws   local (default): start the local stack here, as npm start does;
                       aws: the deployed stack, its API URL from terraform/tofu output -json
  --url URL            a running stack's HTTP API instead (e.g. http://127.0.0.1:3000 for npm start)
  --stack NAME         aws: output -json in cdktf.out/stacks/NAME (default ${smokeOptionDefaults.stack})
  --outputs FILE       aws: the stack's outputs as JSON instead of terraform
  --tofu               aws: read the outputs with tofu (default: terraform, or tofu when it is missing)
  --no-build           local: serve dist/ and cdktf.out/ as they are
  --timeout MS         bound on each request (default ${smokeOptionDefaults.requestTimeoutMs})
  --help               show this help
`;

const flags = {
  target: { type: 'string' },
  url: { type: 'string' },
  stack: { type: 'string' },
  outputs: { type: 'string' },
  tofu: { type: 'boolean' },
  'no-build': { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean' },
} as const;

const bad = (option: string, value: unknown, allowed: string): InvalidOptionError =>
  new InvalidOptionError({ component: 'smoke', option, value, allowed });

/**
 * Parses the smoke command line. Throws InvalidOptionError naming the flag and what it accepts.
 *
 * @example
 * parseSmokeArgs(['--target', 'local', '--url', 'http://127.0.0.1:3000']);
 */
export function parseSmokeArgs(argv: readonly string[]): SmokeOptions | 'help' {
  // Not strict: the tokens are checked here, so every error names the flag in the project's words.
  const { tokens } = parseArgs({
    args: [...argv],
    options: flags,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean> = {};
  for (const token of tokens) {
    if (token.kind === 'positional') throw bad(token.value, token.value, `a flag; see --help`);
    if (token.kind !== 'option') continue;
    const spec = flags[token.name as keyof typeof flags];
    if (!spec)
      throw bad(
        token.rawName,
        token.rawName,
        `one of ${Object.keys(flags)
          .map((f) => `--${f}`)
          .join(', ')}`,
      );
    if (spec.type === 'boolean' && token.value !== undefined)
      throw bad(token.rawName, token.value, 'no value (it is a switch)');
    if (spec.type === 'string' && (token.value === undefined || token.value.startsWith('--')))
      throw bad(token.rawName, token.value, 'a value');
    values[token.name] = token.value ?? true;
  }
  if (values.help) return 'help';
  const target = (values.target ?? smokeOptionDefaults.target) as string;
  if (target !== 'local' && target !== 'aws') throw bad('--target', target, 'local or aws');
  const url = values.url as string | undefined;
  if (url !== undefined && !/^https?:\/\/[^/]+/.test(url)) throw bad('--url', url, 'an http(s) URL');
  const timeout = values.timeout === undefined ? smokeOptionDefaults.requestTimeoutMs : Number(values.timeout);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 600_000)
    throw bad('--timeout', values.timeout, 'an integer from 1 to 600000 (ms)');
  for (const awsOnly of ['outputs', 'tofu', 'stack'] as const) {
    if (values[awsOnly] !== undefined && target !== 'aws')
      throw bad(`--${awsOnly}`, values[awsOnly], 'only with --target aws');
  }
  if (values['no-build'] !== undefined && (target !== 'local' || url !== undefined))
    throw bad('--no-build', true, 'only with --target local and no --url');
  return {
    target,
    url: url?.replace(/\/+$/, ''),
    stack: (values.stack as string | undefined) ?? smokeOptionDefaults.stack,
    outputsFile: values.outputs as string | undefined,
    tool: values.tofu ? 'tofu' : undefined,
    build: values['no-build'] !== true,
    requestTimeoutMs: timeout,
  };
}
