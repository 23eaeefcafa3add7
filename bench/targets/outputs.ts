import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BenchTargetError } from './errors';

/** What the benchmark reads from a deployed stack's outputs. */
export interface StackOutputs {
  readonly apiUrl: string;
  /** Short name → deployed function name and ARN. */
  readonly functions: Readonly<Record<string, { readonly name: string; readonly arn?: string }>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `terraform output -json` wraps each output as `{ value, type, sensitive }`; a hand-written file may not. */
const unwrap = (v: unknown): unknown =>
  isObject(v) && 'value' in v && Object.keys(v).every((k) => k === 'value' || k === 'type' || k === 'sensitive')
    ? v.value
    : v;

/**
 * Parses a stack's outputs: `api_url` and `functions` ({ short: { name, arn } }), either as printed by
 * `terraform output -json` or as a plain JSON object.
 *
 * @throws BenchTargetError naming the missing or malformed output and where it came from.
 * @example
 * parseStackOutputs('{"api_url":"https://x.execute-api.eu-west-1.amazonaws.com","functions":{"hello":{"name":"lambda-reuse-lab-dev-hello"}}}', 'outputs.json');
 */
export function parseStackOutputs(text: string, source: string): StackOutputs {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BenchTargetError(`${source}: not JSON`, { cause: error });
  }
  if (!isObject(parsed)) throw new BenchTargetError(`${source}: expected a JSON object of outputs`);
  const apiUrl = unwrap(parsed.api_url);
  if (typeof apiUrl !== 'string' || !/^https?:\/\//.test(apiUrl)) {
    throw new BenchTargetError(
      `${source}: output "api_url" is ${JSON.stringify(apiUrl ?? null)}; expected an http(s) URL`,
    );
  }
  const fns = unwrap(parsed.functions);
  if (!isObject(fns))
    throw new BenchTargetError(`${source}: output "functions" is missing; expected { short: { name, arn } }`);
  const functions: Record<string, { name: string; arn?: string }> = {};
  for (const [short, entry] of Object.entries(fns)) {
    if (!isObject(entry) || typeof entry.name !== 'string' || entry.name === '') {
      throw new BenchTargetError(`${source}: output "functions.${short}" has no "name"`);
    }
    functions[short] = { name: entry.name, ...(typeof entry.arn === 'string' ? { arn: entry.arn } : {}) };
  }
  return { apiUrl: apiUrl.replace(/\/+$/, ''), functions };
}

/** The CLIs that read a stack's state; OpenTofu prints `output -json` in Terraform's format. */
export const terraformTools = ['terraform', 'tofu'] as const;
export type TerraformTool = (typeof terraformTools)[number];

const run = promisify(execFile);

/** `terraform output -json`, or with no `tool` given, `tofu output -json` when terraform is not installed. */
async function outputJson(
  cwd: string,
  tool: TerraformTool | undefined,
): Promise<{ stdout: string; tool: TerraformTool }> {
  // env given explicitly: the command lookup then follows this PATH, not the one the process started with.
  const options = { cwd, env: { ...process.env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 };
  if (tool !== undefined) return { stdout: (await run(tool, ['output', '-json'], options)).stdout, tool };
  try {
    return { stdout: (await run('terraform', ['output', '-json'], options)).stdout, tool: 'terraform' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { stdout: (await run('tofu', ['output', '-json'], options)).stdout, tool: 'tofu' };
  }
}

/**
 * Reads the outputs from a file, or runs `terraform output -json` (OpenTofu's `tofu` when terraform is
 * missing, or when `tool` says so) in `cdktf.out/stacks/<stack>`.
 *
 * @throws BenchTargetError when the file or the CLI cannot be read.
 */
export async function readStackOutputs(options: {
  outputsFile?: string;
  stack: string;
  rootDir: string;
  tool?: TerraformTool;
}): Promise<StackOutputs> {
  if (options.outputsFile !== undefined) {
    let text: string;
    try {
      text = await readFile(options.outputsFile, 'utf8');
    } catch (error) {
      throw new BenchTargetError(`--outputs ${options.outputsFile}: cannot read the file`, { cause: error });
    }
    return parseStackOutputs(text, options.outputsFile);
  }
  const cwd = join(options.rootDir, 'cdktf.out', 'stacks', options.stack);
  const tried = options.tool ?? 'terraform (or tofu)';
  try {
    const { stdout, tool } = await outputJson(cwd, options.tool);
    return parseStackOutputs(stdout, `${tool} output -json in ${cwd}`);
  } catch (error) {
    if (error instanceof BenchTargetError) throw error;
    throw new BenchTargetError(`cannot run "${tried} output -json" in ${cwd} (deployed? or pass --outputs <file>)`, {
      cause: error,
    });
  }
}
