import { availableParallelism } from 'node:os';
import type { FunctionDefinition, ManagedInstancesConfig } from './types';

/**
 * Lambda Managed Instances (LMI): a function attached to a capacity provider runs in environments that
 * each serve many invocations at once. What differs from the classic model, and where it lives:
 * - one environment runs up to `per_execution_environment_max_concurrency` invocations at once
 *   (execution-environment.ts admits them; assignment.ts spreads invokes over environments);
 * - its Node runtime starts worker threads, each loading the handler once, each keeping one GET /next
 *   open while its handlers run (bootstrap/workers.ts);
 * - no freeze between invocations, and a timed-out invocation fails alone: the environment and its other
 *   invocations carry on, and the function's code keeps running;
 * - no cold start on invoke: environments start ahead of traffic and scale on CPU use and concurrency
 *   saturation (capacity-scaler.ts); an invoke that finds no room is throttled.
 *
 * "Node.js runtime for Lambda Managed Instances",
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html;
 * "Lambda Managed Instances execution environment",
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-execution-environment.html;
 * "Scaling Lambda Managed Instances", https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html
 */
export const managedInstancesDefaults = {
  /** AWS's default for Node.js: 64 concurrent requests per vCPU. */
  maxConcurrencyPerVcpu: 64,
  /** `execution_environment_memory_gib_per_vcpu` when the function sets none (AWS's default ratio, 2 GiB). */
  memoryGiBPerVcpu: 2,
  /**
   * Environments started ahead of traffic: AWS starts three when a function version is published to a
   * capacity provider, one per Availability Zone ("Scaling Lambda Managed Instances").
   */
  minEnvironments: 3,
  /** The most environments scaling starts for one function, when neither the function nor the stack bounds it. */
  maxEnvironments: 10,
  /**
   * INIT's cap under LMI: max(130 s, the function's timeout) ("Lambda Managed Instances execution environment",
   * Init phase), instead of the classic 10 s.
   */
  initTimeoutFloorMs: 130_000,
} as const;

/** What the runtime settles for one LMI function: its environments' size and concurrency. */
export interface ManagedInstancesPlan {
  /** vCPUs of one environment: memory / GiB-per-vCPU, at least 1. */
  readonly vcpus: number;
  /** AWS_LAMBDA_MAX_CONCURRENCY. */
  readonly maxConcurrency: number;
  /** Worker threads: AWS_LAMBDA_NODEJS_WORKER_COUNT when the function sets it, else its vCPUs, at most this machine's. */
  readonly workers: number;
  readonly minEnvironments: number;
  readonly maxEnvironments: number;
  readonly config: ManagedInstancesConfig;
}

/** Runtime-wide LMI settings a function's own config overrides. */
export interface ManagedInstancesRuntimeOptions {
  readonly minEnvironments: number;
  readonly maxEnvironments: number;
}

/**
 * The plan for `fn` when it runs on Managed Instances, else undefined.
 *
 * @example
 * planManagedInstances({ ...fn, memorySize: 2048, managedInstances: {} }, { minEnvironments: 3, maxEnvironments: 10 });
 * // { vcpus: 1, maxConcurrency: 64, workers: 1, minEnvironments: 3, maxEnvironments: 10, config: {} }
 */
export function planManagedInstances(
  fn: FunctionDefinition,
  runtime: ManagedInstancesRuntimeOptions,
): ManagedInstancesPlan | undefined {
  const config = fn.managedInstances;
  if (!config) return undefined;
  const ratio = config.memoryGiBPerVcpu ?? managedInstancesDefaults.memoryGiBPerVcpu;
  const vcpus = Math.max(1, Math.floor(fn.memorySize / 1024 / ratio));
  const maxConcurrency = config.maxConcurrency ?? managedInstancesDefaults.maxConcurrencyPerVcpu * vcpus;
  const minEnvironments = config.minEnvironments ?? runtime.minEnvironments;
  return {
    vcpus,
    maxConcurrency,
    workers: workerCount(fn, vcpus),
    minEnvironments,
    maxEnvironments: Math.max(minEnvironments, config.maxEnvironments ?? runtime.maxEnvironments),
    config,
  };
}

/**
 * How many worker threads the bootstrap starts. AWS's runtime reads AWS_LAMBDA_NODEJS_WORKER_COUNT, else
 * derives the count from the environment's vCPUs (its interface client takes 8 per vCPU from the cgroup's
 * CPU quota). Locally the default is one per vCPU, at most this machine's cores, so that a stack of several
 * LMI functions with three environments each still fits a laptop; set the variable to follow AWS's count.
 */
function workerCount(fn: FunctionDefinition, vcpus: number): number {
  const raw = fn.environment?.AWS_LAMBDA_NODEJS_WORKER_COUNT;
  const set = raw === undefined ? Number.NaN : Number(raw);
  if (Number.isInteger(set) && set >= 1) return set;
  return Math.max(1, Math.min(vcpus, availableParallelism()));
}
