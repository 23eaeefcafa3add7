import type { LoggingConfig } from './logging-config';
import type { StreamReceiver } from './streamed-response';

/** A function as the runtime runs it: what Terraform's aws_lambda_function says, with its code unpacked. */
export interface FunctionDefinition {
  /** The function name (not an ARN). */
  readonly name: string;
  /** `module.export`, e.g. `index.handler`, relative to `codeDir`. */
  readonly handler: string;
  /** Lambda runtime id, e.g. `nodejs24.x`. */
  readonly runtime: string;
  /** Memory size in MB (128 to 10240). */
  readonly memorySize: number;
  /** Timeout in seconds (1 to 900). */
  readonly timeout: number;
  /** The function's own environment variables. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Reserved concurrency; undefined means the function shares the unreserved pool. */
  readonly reservedConcurrency?: number;
  /** Environments to initialise ahead of traffic. */
  readonly provisionedConcurrency?: number;
  /** Folder holding the unpacked code (LAMBDA_TASK_ROOT). */
  readonly codeDir: string;
  /**
   * The function's `/opt`: its layers merged in order (later ones overwriting), when it has layers.
   * NODE_PATH and PATH point into it as Lambda's point into /opt; the handler still loads from codeDir.
   */
  readonly optDir?: string;
  /** Base64 SHA-256 of the deployment package, as Lambda reports CodeSha256. */
  readonly codeSha256?: string;
  readonly codeSize?: number;
  readonly description?: string;
  readonly role?: string;
  /** `logging_config`: log format, application and system log levels, log group (Text when absent). */
  readonly logging?: LoggingConfig;
  /**
   * `capacity_provider_config`: the function runs on Lambda Managed Instances, where one environment
   * serves many invocations at once (see managed-instances.ts). Absent: the classic model.
   */
  readonly managedInstances?: ManagedInstancesConfig;
}

/** A function's `capacity_provider_config.lambda_managed_instances_capacity_provider_config`, as the runtime reads it. */
export interface ManagedInstancesConfig {
  /** The capacity provider's ARN (or its Terraform name, locally); shown, not used. */
  readonly capacityProvider?: string;
  /** `per_execution_environment_max_concurrency`; AWS's default for Node.js (64 per vCPU) when absent. */
  readonly maxConcurrency?: number;
  /** `execution_environment_memory_gib_per_vcpu`: with the memory size, how many vCPUs an environment has. */
  readonly memoryGiBPerVcpu?: number;
  /** Environments kept running ahead of traffic; the runtime's `managedInstances.minEnvironments` when absent. */
  readonly minEnvironments?: number;
  /** The most environments scaling may start; the runtime's `managedInstances.maxEnvironments` when absent. */
  readonly maxEnvironments?: number;
}

export type EnvironmentState = 'initializing' | 'idle' | 'frozen' | 'busy' | 'shutdown';

/** Why an environment ended. */
export type EndReason =
  | 'idle-timeout'
  | 'max-lifetime'
  | 'timeout'
  | 'crash'
  | 'out-of-memory'
  | 'init-failure'
  | 'configuration-update'
  /** Managed Instances: scaled in after utilisation stayed low. */
  | 'scale-in'
  | 'runtime-stop';

/** A snapshot of one execution environment, as `GET /_local/environments` lists it. */
export interface EnvironmentInfo {
  readonly id: string;
  readonly function: string;
  readonly state: EnvironmentState;
  readonly invocations: number;
  readonly createdAt: string;
  readonly lastUsedAt: string;
  readonly endedAt?: string;
  readonly endReason?: EndReason;
  readonly peakMemoryMb: number;
  readonly pid: number | undefined;
  readonly logStream: string;
  readonly initDurationMs?: number;
  readonly provisioned: boolean;
  /** The inspector's port on 127.0.0.1, when the environment runs with `--inspect`. */
  readonly inspectPort?: number;
  /** The inspector's WebSocket URL (as Node prints it), once the process has opened it. */
  readonly inspectorUrl?: string;
  /** Managed Instances only: how many invocations it may run at once, and how many it runs. */
  readonly concurrency?: EnvironmentConcurrency;
}

/** An environment's concurrent invocations (Managed Instances); classic environments run one at a time. */
export interface EnvironmentConcurrency {
  /** The most it runs at once (`AWS_LAMBDA_MAX_CONCURRENCY`). */
  readonly max: number;
  /** Worker threads its runtime starts, each loading the handler once. */
  readonly workers: number;
  /** Invocations running now, or admitted and waiting for a worker's GET /next. */
  readonly inFlight: number;
  /** The most it ran at once so far. */
  readonly peak: number;
  /** CPU use of its process over the scaler's last interval, 0 to 1 of its vCPUs. */
  readonly cpuUtilization?: number;
}

/** An environment's inspector is listening: where a debugger attaches. */
export interface InspectorEvent {
  readonly functionName: string;
  readonly environmentId: string;
  readonly port: number;
  /** `ws://127.0.0.1:<port>/<id>`, the target's WebSocket URL. */
  readonly url: string;
}

/**
 * One log line: a function's stdout/stderr line or a platform line (START, END, REPORT, INIT_REPORT in
 * Text format; `platform.*` JSON records in JSON format).
 */
export interface LogEvent {
  readonly time: number;
  readonly functionName: string;
  readonly environmentId: string;
  readonly logStream: string;
  readonly stream: 'stdout' | 'stderr' | 'platform';
  readonly requestId?: string;
  readonly line: string;
}

export type EnvironmentEvent =
  | { readonly type: 'created'; readonly environment: EnvironmentInfo }
  | { readonly type: 'state'; readonly from: EnvironmentState; readonly environment: EnvironmentInfo }
  | { readonly type: 'ended'; readonly reason: EndReason; readonly environment: EnvironmentInfo };

export interface InvocationEvent {
  readonly functionName: string;
  readonly requestId: string;
  readonly environmentId: string;
  readonly coldStart: boolean;
  readonly durationMs: number;
  readonly initDurationMs?: number;
  readonly status: 'success' | 'error' | 'timeout';
  readonly errorType?: string;
}

export interface ThrottleEvent {
  readonly functionName: string;
  readonly reason: string;
}

/** Events a LocalLambda emits; subscribe with `rt.on(name, listener)`. */
export interface LocalLambdaEvents {
  log: [LogEvent];
  environment: [EnvironmentEvent];
  invocation: [InvocationEvent];
  throttle: [ThrottleEvent];
  warning: [string];
  inspector: [InspectorEvent];
}

export interface InvokeOptions {
  /** Return the last 4 KB of the invocation's log (X-Amz-Log-Type: Tail). */
  readonly tail?: boolean;
  /** Lambda-Runtime-Client-Context, base64 JSON as the Invoke API takes it. */
  readonly clientContext?: string;
  readonly cognitoIdentity?: string;
  readonly traceId?: string;
  /** The ARN the caller used, when it differs from the unqualified function ARN. */
  readonly invokedFunctionArn?: string;
  /**
   * Where a streaming handler's chunks go as they arrive (InvokeWithResponseStream, a function URL in
   * RESPONSE_STREAM mode). A streamed invoke's result has an empty payload; a buffered function's
   * answer still comes whole in the result, as AWS then sends it as one chunk.
   */
  readonly stream?: StreamReceiver;
}

/** What an invoke returns: the payload bytes, and whether it is a function error. */
export interface InvokeResult {
  readonly requestId: string;
  readonly payload: Buffer;
  /** `Unhandled` when the function failed, as X-Amz-Function-Error. */
  readonly functionError?: 'Unhandled';
  /** Base64 of the last 4 KB of the log, when asked for. */
  readonly logResult?: string;
  readonly environmentId: string;
  readonly executedVersion: string;
}
