import { type ScalerOptions, scalerDefaults } from './capacity-scaler';
import { InvalidOptionError } from './errors';
import { managedInstancesDefaults } from './managed-instances';
import { streamingDefaults } from './streamed-response';
import type { FunctionDefinition, LogEvent } from './types';

/** Every option of the local runtime, with its default written down once. */
export const defaults = {
  /** SIGSTOP environments between invocations, as Lambda freezes them. */
  freeze: true,
  /** An idle environment is shut down after this long without an invocation. */
  idleTimeoutMs: 300_000,
  /** Every environment is retired after this long, even under constant traffic. */
  maxLifetimeMs: 14_400_000,
  /** Account-wide concurrent executions. */
  accountConcurrency: 1000,
  /** Lambda caps INIT at 10 s. */
  initTimeoutMs: 10_000,
  /** Time between SIGTERM and SIGKILL at SHUTDOWN. */
  shutdownGraceMs: 500,
  /** How often a busy environment's RSS is read. */
  memoryPollMs: 50,
  region: 'us-east-1',
  accountId: '000000000000',
  /** Ended environments kept for a timeline. */
  endedHistory: 500,
  /** Where unpacked code and the bundled bootstrap are cached. */
  cacheDir: '.local/lambda-cache',
  /** A streamed response's maximum size (AWS: 200 MB, see streamed-response.ts). */
  streamLimitBytes: streamingDefaults.limitBytes,
  /** Slow a streamed response past its first 6 MB to 2 MBps, as AWS documents. */
  streamBandwidthCap: true,
  /** Functions whose environments start with the inspector: none, all (true), or these names. */
  inspect: false as boolean | readonly string[],
  /** The first inspector port; each inspected environment takes the lowest free one from here. */
  inspectPort: 9229,
  /** Functions on Lambda Managed Instances: environments kept and scaled (a function's own config wins). */
  managedInstances: {
    minEnvironments: managedInstancesDefaults.minEnvironments,
    maxEnvironments: managedInstancesDefaults.maxEnvironments,
    ...scalerDefaults,
  } as ManagedInstancesOptions,
} as const;

/** The runtime-wide Managed Instances settings: environments per function, and how they are scaled. */
export interface ManagedInstancesOptions extends ScalerOptions {
  /** Environments started ahead of traffic (AWS: 3, one per Availability Zone). */
  minEnvironments: number;
  /** The most environments scaling starts for one function (AWS sets no default maximum). */
  maxEnvironments: number;
}

export interface LocalLambdaOptions {
  /** The functions to run, with unpacked code (`local/stack` makes them from a Terraform stack). */
  readonly functions: readonly FunctionDefinition[];
  readonly freeze?: boolean;
  readonly idleTimeoutMs?: number;
  readonly maxLifetimeMs?: number;
  readonly accountConcurrency?: number;
  readonly initTimeoutMs?: number;
  readonly shutdownGraceMs?: number;
  readonly memoryPollMs?: number;
  readonly region?: string;
  readonly accountId?: string;
  readonly endedHistory?: number;
  readonly cacheDir?: string;
  readonly streamLimitBytes?: number;
  readonly streamBandwidthCap?: boolean;
  /**
   * Start these functions' environments with `--inspect` on 127.0.0.1 (true: every function). For a
   * debugger: they are never frozen and their invocations have no timeout, so a paused breakpoint is
   * not killed. Names are function names as in `functions`.
   */
  readonly inspect?: boolean | readonly string[];
  readonly inspectPort?: number;
  /** Managed Instances settings; each omitted one keeps its default. */
  readonly managedInstances?: Partial<ManagedInstancesOptions>;
  /** Extra environment variables for every function (e.g. AWS_ENDPOINT_URL_SSM); the function's own win. */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** true prints every log line to stdout tagged with its environment; a function receives them instead. */
  readonly log?: boolean | ((event: LogEvent) => void);
}

export type ResolvedOptions = Required<Omit<LocalLambdaOptions, 'extraEnv' | 'log' | 'managedInstances'>> &
  Pick<LocalLambdaOptions, 'extraEnv' | 'log'> & { readonly managedInstances: ManagedInstancesOptions };

function integer(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(name, value, `an integer from ${min} to ${max}`);
  }
  return value;
}

/** The one place the runtime's options are checked; fails naming option, value and what is allowed. */
export function resolveOptions(options: LocalLambdaOptions): ResolvedOptions {
  const o = {
    ...defaults,
    ...stripUndefined(options),
    managedInstances: { ...defaults.managedInstances, ...stripUndefined(options.managedInstances ?? {}) },
  } as ResolvedOptions;
  if (!Array.isArray(o.functions)) throw new InvalidOptionError('functions', o.functions, 'a list of functions');
  if (typeof o.freeze !== 'boolean') throw new InvalidOptionError('freeze', o.freeze, 'true or false');
  integer('idleTimeoutMs', o.idleTimeoutMs, 1);
  integer('maxLifetimeMs', o.maxLifetimeMs, 1);
  integer('accountConcurrency', o.accountConcurrency, 1, 100_000);
  integer('initTimeoutMs', o.initTimeoutMs, 1, 600_000);
  integer('shutdownGraceMs', o.shutdownGraceMs, 0, 60_000);
  integer('memoryPollMs', o.memoryPollMs, 5, 10_000);
  integer('endedHistory', o.endedHistory, 0, 100_000);
  integer('streamLimitBytes', o.streamLimitBytes, 1);
  if (typeof o.streamBandwidthCap !== 'boolean')
    throw new InvalidOptionError('streamBandwidthCap', o.streamBandwidthCap, 'true or false');
  if (!/^\d{12}$/.test(o.accountId)) throw new InvalidOptionError('accountId', o.accountId, '12 digits');
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(o.region)) throw new InvalidOptionError('region', o.region, 'an AWS region id');
  integer('inspectPort', o.inspectPort, 1024, 65535);
  if (
    typeof o.inspect !== 'boolean' &&
    !(Array.isArray(o.inspect) && o.inspect.every((n) => o.functions.some((f) => f.name === n)))
  ) {
    const names = Array.isArray(o.functions) ? o.functions.map((f) => f.name).join(', ') : '';
    throw new InvalidOptionError('inspect', o.inspect, `true, false or a list of function names (${names})`);
  }
  const mi = o.managedInstances;
  integer('managedInstances.minEnvironments', mi.minEnvironments, 0, 15_000);
  integer('managedInstances.maxEnvironments', mi.maxEnvironments, Math.max(mi.minEnvironments, 1), 15_000);
  integer('managedInstances.intervalMs', mi.intervalMs, 10, 600_000);
  integer('managedInstances.doublingWindowMs', mi.doublingWindowMs, 1);
  integer('managedInstances.scaleInAfterIntervals', mi.scaleInAfterIntervals, 1);
  if (!(mi.targetUtilization > 0 && mi.targetUtilization <= 1))
    throw new InvalidOptionError(
      'managedInstances.targetUtilization',
      mi.targetUtilization,
      'a number above 0, at most 1',
    );
  for (const fn of o.functions) checkManagedFunction(fn);
  if (o.log !== undefined && typeof o.log !== 'boolean' && typeof o.log !== 'function') {
    throw new InvalidOptionError('log', o.log, 'true, false or a function');
  }
  return o;
}

/**
 * A Managed Instances function within AWS's limits: at least 2 GB and one vCPU, 2 to 8 GiB per vCPU, 1 to
 * 1,600 concurrent invocations per environment ("Scaling Lambda Managed Instances";
 * https://docs.aws.amazon.com/lambda/latest/api/API_LambdaManagedInstancesCapacityProviderConfig.html).
 */
function checkManagedFunction(fn: FunctionDefinition): void {
  const m = fn.managedInstances;
  if (!m) return;
  const at = (option: string): string => `functions[${fn.name}].${option}`;
  if (fn.memorySize < 2048)
    throw new InvalidOptionError(at('memorySize'), fn.memorySize, 'at least 2048 under Managed Instances');
  if (m.memoryGiBPerVcpu !== undefined && !(m.memoryGiBPerVcpu >= 2 && m.memoryGiBPerVcpu <= 8))
    throw new InvalidOptionError(at('managedInstances.memoryGiBPerVcpu'), m.memoryGiBPerVcpu, 'a number from 2 to 8');
  if (m.maxConcurrency !== undefined) integer(at('managedInstances.maxConcurrency'), m.maxConcurrency, 1, 1600);
  if (m.minEnvironments !== undefined) integer(at('managedInstances.minEnvironments'), m.minEnvironments, 0, 15_000);
  if (m.maxEnvironments !== undefined) integer(at('managedInstances.maxEnvironments'), m.maxEnvironments, 1, 15_000);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
