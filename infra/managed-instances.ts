import type { FunctionSpec } from '../functions/catalog';
import { LmiCapacityError } from './errors';

/** The Managed Instances settings of a stage (`LAMBDA_MODE=managed-instances` only); read by infra/config.ts. */
export interface LmiConfig {
  /** The capacity provider's MaxVCpuCount: the vCPUs it may run across all its instances. */
  readonly maxVcpus: number;
  /** Memory of every function's execution environment, MB (the catalog's smaller sizes are raised to it). */
  readonly memoryMb: number;
  /** ExecutionEnvironmentMemoryGiBPerVCpu: the environment's vCPUs are memory GiB / this. */
  readonly memoryGibPerVcpu: number;
  /** The instances' architecture, also every function's. */
  readonly architecture: 'arm64' | 'x86_64';
  /** AllowedInstanceTypes; empty lets Lambda choose, which AWS recommends. */
  readonly instanceTypes: readonly string[];
  /** PerExecutionEnvironmentMaxConcurrency of the functions that do not use the database. */
  readonly maxConcurrency: number;
  /** PerExecutionEnvironmentMaxConcurrency of the database functions, kept low for the connection budget. */
  readonly dbMaxConcurrency: number;
  /**
   * Worker threads per environment, written as AWS_LAMBDA_NODEJS_WORKER_COUNT: a number; `vcpus`, one per vCPU
   * of the environment; or `runtime`, leaving the variable unset so the runtime picks.
   */
  readonly workerCount: number | 'vcpus' | 'runtime';
}

/**
 * Numbers of Lambda Managed Instances the stack plans with.
 *
 * - `minEnvironments`: Lambda starts three execution environments of a function version before marking it ACTIVE,
 *   and keeps that minimum ("Default: 3"). The Terraform provider (6.25) does not expose the function scaling config
 *   that could change it, so every attached function holds three environments' vCPUs at all times.
 *   https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html
 *   https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-functionscalingconfig.html
 * - `runtimeWorkersPerVcpu`: with AWS_LAMBDA_NODEJS_WORKER_COUNT unset, AWS documents only that the count is derived
 *   from the vCPUs; the Node.js runtime interface client's source (src/utils/worker.ts, getWorkerCount) starts
 *   8 per vCPU, which the connection budget assumes for LMI_WORKER_COUNT=runtime.
 *   https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html
 *   https://github.com/aws/aws-lambda-nodejs-runtime-interface-client
 */
export const managedInstancesDefaults = {
  minEnvironments: 3,
  runtimeWorkersPerVcpu: 8,
} as const;

/** How one function runs on the capacity provider. */
export interface LmiFunctionPlan {
  readonly memoryMb: number;
  /** vCPUs of one execution environment: memory GiB / GiB per vCPU. */
  readonly vcpus: number;
  /** Worker threads per environment (each with its own module scope and pool). */
  readonly workers: number;
  /** AWS_LAMBDA_NODEJS_WORKER_COUNT to set; undefined leaves it to the runtime. */
  readonly workerCountEnv: string | undefined;
  /** PerExecutionEnvironmentMaxConcurrency, always written out. */
  readonly maxConcurrency: number;
}

/**
 * The per-function LMI settings under a stage's {@link LmiConfig}: every function gets the stage's memory (at least
 * AWS's 2 GB minimum), database functions the lower per-environment concurrency.
 *
 * @example
 * lmiFunctionPlan(functionSpec('db'), config.lmi); // { memoryMb: 2048, vcpus: 1, workers: 1, workerCountEnv: '1', maxConcurrency: 4 }
 */
export function lmiFunctionPlan(spec: FunctionSpec, lmi: LmiConfig): LmiFunctionPlan {
  const vcpus = lmi.memoryMb / 1024 / lmi.memoryGibPerVcpu;
  const maxConcurrency = spec.usesDb ? lmi.dbMaxConcurrency : lmi.maxConcurrency;
  if (lmi.workerCount === 'runtime') {
    return {
      memoryMb: lmi.memoryMb,
      vcpus,
      workers: vcpus * managedInstancesDefaults.runtimeWorkersPerVcpu,
      workerCountEnv: undefined,
      maxConcurrency,
    };
  }
  const workers = lmi.workerCount === 'vcpus' ? vcpus : lmi.workerCount;
  return { memoryMb: lmi.memoryMb, vcpus, workers, workerCountEnv: String(workers), maxConcurrency };
}

/** vCPUs the functions' minimum environments hold, and what is left of LMI_MAX_VCPUS to scale into. */
export interface LmiCapacity {
  readonly maxVcpus: number;
  readonly minimumVcpus: number;
  readonly spareVcpus: number;
}

/**
 * Checks that LMI_MAX_VCPUS holds every function's minimum environments; otherwise versions could not become
 * ACTIVE. A necessary condition only: instances also need room for Lambda's own agent, which AWS does not size.
 *
 * @throws LmiCapacityError naming the numbers.
 */
export function checkLmiCapacity(functions: readonly FunctionSpec[], lmi: LmiConfig): LmiCapacity {
  const min = managedInstancesDefaults.minEnvironments;
  const minimumVcpus = functions.reduce((sum, f) => sum + min * lmiFunctionPlan(f, lmi).vcpus, 0);
  if (minimumVcpus > lmi.maxVcpus) {
    throw new LmiCapacityError(
      `Lambda Managed Instances capacity: ${functions.length} functions × ${min} minimum environments × their vCPUs = ` +
        `${minimumVcpus} vCPUs > LMI_MAX_VCPUS ${lmi.maxVcpus}; raise LMI_MAX_VCPUS to at least ${minimumVcpus} ` +
        `or lower LMI_MEMORY_MB / raise LMI_MEMORY_GIB_PER_VCPU`,
    );
  }
  return { maxVcpus: lmi.maxVcpus, minimumVcpus, spareVcpus: lmi.maxVcpus - minimumVcpus };
}
