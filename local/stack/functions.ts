import * as path from 'node:path';
import { CodedError } from '../../common/errors';
import {
  APPLICATION_LOG_LEVELS,
  type ApplicationLogLevel,
  LOG_FORMATS,
  type LogFormat,
  type LoggingConfig,
  type ManagedInstancesConfig,
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
  /** `capacity_provider_config`: the function runs on Lambda Managed Instances. */
  readonly managedInstances?: ManagedInstancesConfig;
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
      ...managedInstancesOf(r.capacity_provider_config, {
        stack,
        where,
        resourceName,
        memorySize: num(r.memory_size) ?? 128,
      }),
    });
  }
  return out;
}

/** Where a function's `capacity_provider_config` is read, and what else of the stack it needs. */
interface ManagedInstancesSource {
  readonly stack: TerraformJson;
  readonly where: string;
  readonly resourceName: string;
  readonly memorySize: number;
}

/**
 * `capacity_provider_config.lambda_managed_instances_capacity_provider_config { capacity_provider_arn,
 * execution_environment_memory_gib_per_vcpu, per_execution_environment_max_concurrency }` (Terraform AWS
 * provider, aws_lambda_function). The environments' bounds come from the stack as AWS takes them: an
 * `aws_lambda_function_scaling_config` for the function (min and max execution environments), else the
 * capacity provider's `max_vcpu_count` divided by one environment's vCPUs.
 */
function managedInstancesOf(
  raw: unknown,
  source: ManagedInstancesSource,
): { managedInstances?: ManagedInstancesConfig } {
  const outer = first<Record<string, unknown>>(raw as Record<string, unknown> | Array<Record<string, unknown>>);
  if (!outer) return {};
  const at = `${source.where}.capacity_provider_config`;
  const block = first<Record<string, unknown>>(
    outer.lambda_managed_instances_capacity_provider_config as Record<string, unknown> | undefined,
  );
  if (!block) throw new StackFunctionError(`${at} has no lambda_managed_instances_capacity_provider_config`);
  const arn = str(block.capacity_provider_arn) ?? '';
  const provider = /\$\{aws_lambda_capacity_provider\.([\w-]+)\./.exec(arn)?.[1];
  const maxConcurrency = num(block.per_execution_environment_max_concurrency);
  const memoryGiBPerVcpu = num(block.execution_environment_memory_gib_per_vcpu);
  const scaling = scalingConfigOf(source);
  let maxEnvironments = scaling.max;
  if (maxEnvironments === undefined && provider !== undefined) {
    const cp = source.stack.resource?.aws_lambda_capacity_provider?.[provider] as Record<string, unknown> | undefined;
    const scalingBlock = first<Record<string, unknown>>(
      cp?.capacity_provider_scaling_config as Record<string, unknown> | undefined,
    );
    const maxVcpus = num(scalingBlock?.max_vcpu_count);
    const vcpus = Math.max(1, Math.floor(source.memorySize / 1024 / (memoryGiBPerVcpu ?? 2)));
    if (maxVcpus !== undefined) maxEnvironments = Math.max(1, Math.floor(maxVcpus / vcpus));
  }
  return {
    managedInstances: {
      capacityProvider: provider ?? arn,
      ...(maxConcurrency !== undefined ? { maxConcurrency } : {}),
      ...(memoryGiBPerVcpu !== undefined ? { memoryGiBPerVcpu } : {}),
      ...(scaling.min !== undefined ? { minEnvironments: scaling.min } : {}),
      ...(maxEnvironments !== undefined ? { maxEnvironments } : {}),
    },
  };
}

/** `aws_lambda_function_scaling_config.function_scaling_config { min/max_execution_environments }` of a function. */
function scalingConfigOf(source: ManagedInstancesSource): { min?: number; max?: number } {
  const configs = source.stack.resource?.aws_lambda_function_scaling_config ?? {};
  for (const raw of Object.values(configs)) {
    const c = raw as Record<string, unknown>;
    const target = str(c.function_name) ?? '';
    if (!target.includes(`aws_lambda_function.${source.resourceName}.`)) continue;
    const block = first<Record<string, unknown>>(c.function_scaling_config as Record<string, unknown> | undefined);
    const min = num(block?.min_execution_environments);
    const max = num(block?.max_execution_environments);
    return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  }
  return {};
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
