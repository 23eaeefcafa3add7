import * as path from 'node:path';
import { CodedError } from '../../common/errors';
import {
  APPLICATION_LOG_LEVELS,
  type ApplicationLogLevel,
  LOG_FORMATS,
  type LogFormat,
  type LoggingConfig,
  SYSTEM_LOG_LEVELS,
  type SystemLogLevel,
} from '../runtime';
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
  /** `logging_config`, when the resource has one. */
  readonly logging?: LoggingConfig;
  /** `layers` as written (ARNs or references); layers.ts resolves them against the stack's layers. */
  readonly layers?: unknown;
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
      ...(r.layers !== undefined ? { layers: r.layers } : {}),
      ...loggingOf(r.logging_config, where, (value, at) => resolveValue(value, resolver, at, unresolved)),
    });
  }
  return out;
}

/** One value of `allowed`, matched without case as Terraform's provider does; undefined when empty. */
function oneOf<T extends string>(value: unknown, allowed: readonly T[], at: string): T | undefined {
  const text = str(value);
  if (text === undefined || text === '') return undefined;
  const match = allowed.find((a) => a.toLowerCase() === text.toLowerCase());
  if (match === undefined) {
    throw new StackFunctionError(`${at} is ${JSON.stringify(text)}; allowed: ${allowed.join(', ')}`);
  }
  return match;
}

/**
 * `logging_config { log_format, application_log_level, system_log_level, log_group }`. Levels are
 * refused in Text format, as Lambda's API refuses them (they need the JSON format: see
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html).
 */
function loggingOf(
  raw: unknown,
  where: string,
  resolve: (value: string, at: string) => string,
): { logging?: LoggingConfig } {
  const block = first<Record<string, unknown>>(raw as Record<string, unknown> | Array<Record<string, unknown>>);
  if (!block) return {};
  const at = `${where}.logging_config`;
  const logFormat = oneOf<LogFormat>(block.log_format, LOG_FORMATS, `${at}.log_format`);
  const applicationLogLevel = oneOf<ApplicationLogLevel>(
    block.application_log_level,
    APPLICATION_LOG_LEVELS,
    `${at}.application_log_level`,
  );
  const systemLogLevel = oneOf<SystemLogLevel>(block.system_log_level, SYSTEM_LOG_LEVELS, `${at}.system_log_level`);
  if (logFormat !== 'JSON' && (applicationLogLevel !== undefined || systemLogLevel !== undefined)) {
    throw new StackFunctionError(`${at}: log levels need log_format "JSON" (log_format is ${logFormat ?? 'Text'})`);
  }
  const group = str(block.log_group);
  const logGroup = group ? resolve(group, `${at}.log_group`) : undefined;
  return {
    logging: {
      ...(logFormat !== undefined ? { logFormat } : {}),
      ...(applicationLogLevel !== undefined ? { applicationLogLevel } : {}),
      ...(systemLogLevel !== undefined ? { systemLogLevel } : {}),
      ...(logGroup !== undefined ? { logGroup } : {}),
    },
  };
}
