import * as path from 'node:path';
import { CodedError } from '../../common/errors';
import type { ReferenceResolver, TerraformJson } from './references';
import { resolveValue } from './references';

/** A function as the stack declares it, before its code is unpacked. */
export interface StackFunction {
  /** The Terraform resource name (`aws_lambda_function.<resourceName>`). */
  readonly resourceName: string;
  readonly name: string;
  readonly handler: string;
  readonly runtime: string;
  readonly memorySize: number;
  readonly timeout: number;
  readonly environment: Record<string, string>;
  readonly reservedConcurrency?: number;
  readonly provisionedConcurrency?: number;
  /** Absolute path of the deployment zip. */
  readonly zipFile: string;
  readonly description?: string;
  readonly role?: string;
}

export class StackFunctionError extends CodedError {
  constructor(message: string) {
    super('ESTACKFUNCTION', message);
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function first<T>(v: T | readonly T[] | undefined): T | undefined {
  return Array.isArray(v) ? (v[0] as T | undefined) : (v as T | undefined);
}

/**
 * Reads every aws_lambda_function of a Terraform JSON stack (and its provisioned concurrency),
 * with Lambda's defaults for what is left out (128 MB, 3 s), resolving references in names and
 * environment values.
 *
 * @example
 * const fns = stackFunctions(JSON.parse(text), '/path/to/stack', resolver, unresolved);
 */
export function stackFunctions(
  stack: TerraformJson,
  stackDir: string,
  resolver: ReferenceResolver,
  unresolved: Array<{ where: string; expression: string }>,
): StackFunction[] {
  const lambdas = stack.resource?.aws_lambda_function ?? {};
  const provisioned = stack.resource?.aws_lambda_provisioned_concurrency_config ?? {};
  const out: StackFunction[] = [];
  for (const [resourceName, raw] of Object.entries(lambdas)) {
    const r = raw as Record<string, unknown>;
    const where = `aws_lambda_function.${resourceName}`;
    const name = resolveValue(str(r.function_name) ?? resourceName, resolver, `${where}.function_name`, unresolved);
    const filename = str(r.filename);
    if (!filename) throw new StackFunctionError(`${where} has no filename (only zip packages run locally)`);
    const environment: Record<string, string> = {};
    const envBlock: Record<string, unknown> | undefined = first<Record<string, unknown>>(
      r.environment as Record<string, unknown> | Array<Record<string, unknown>> | undefined,
    );
    const vars = envBlock?.variables as Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(vars ?? {})) {
      environment[key] = resolveValue(
        str(value) ?? JSON.stringify(value),
        resolver,
        `${where}.environment.${key}`,
        unresolved,
      );
    }
    const reserved = num(r.reserved_concurrent_executions);
    let provisionedCount = 0;
    for (const cfg of Object.values(provisioned)) {
      const c = cfg as Record<string, unknown>;
      const target = str(c.function_name) ?? '';
      if (target === name || target.includes(`aws_lambda_function.${resourceName}.`)) {
        provisionedCount += num(c.provisioned_concurrent_executions) ?? 0;
      }
    }
    const zip = resolveValue(filename, resolver, `${where}.filename`, unresolved);
    out.push({
      resourceName,
      name,
      handler: str(r.handler) ?? 'index.handler',
      runtime: str(r.runtime) ?? 'nodejs24.x',
      memorySize: num(r.memory_size) ?? 128,
      timeout: num(r.timeout) ?? 3,
      environment,
      ...(reserved !== undefined && reserved >= 0 ? { reservedConcurrency: reserved } : {}),
      ...(provisionedCount > 0 ? { provisionedConcurrency: provisionedCount } : {}),
      zipFile: path.resolve(stackDir, zip),
      ...(str(r.description) !== undefined ? { description: str(r.description) as string } : {}),
      ...(str(r.role) !== undefined && !str(r.role)?.includes('${') ? { role: str(r.role) as string } : {}),
    });
  }
  return out;
}
