import * as path from 'node:path';
import { resolveLogging } from './logging-config';
import type { ManagedInstancesPlan } from './managed-instances';
import type { NodeBinary } from './node-binaries';
import type { FunctionDefinition } from './types';

/** What one environment's variables depend on. */
export interface VariablesSpec {
  readonly fn: FunctionDefinition;
  readonly node: NodeBinary;
  readonly bootstrapFile: string;
  readonly region: string;
  /** The runtime's own extra variables (e.g. AWS_ENDPOINT_URL_SSM); the function's own win. */
  readonly extraEnv: Readonly<Record<string, string>>;
  /** The bootstrap stops itself once it asks for the next event. */
  readonly selfFreeze: boolean;
  readonly provisioned: boolean;
  readonly logStream: string;
  /** The environment's id (the tail of `logStream`); see LOCAL_LAMBDA_ENVIRONMENT_ID below. */
  readonly environmentId: string;
  /** host:port of the environment's Runtime API. */
  readonly runtimeApi: string;
  /** Lambda Managed Instances: many invocations at once, over worker threads. */
  readonly managed?: ManagedInstancesPlan;
}

/**
 * The environment variables Lambda sets for one execution environment, over the function's own.
 *
 * @example
 * const env = lambdaVariables({ fn, node, bootstrapFile, region: 'us-east-1', extraEnv: {}, selfFreeze: true,
 *   provisioned: false, logStream, environmentId, runtimeApi: '127.0.0.1:41234' });
 */
export function lambdaVariables(spec: VariablesSpec): Record<string, string> {
  const { fn } = spec;
  const runtimeDir = path.dirname(spec.bootstrapFile);
  const logging = resolveLogging(fn.name, fn.logging, fn.managedInstances !== undefined);
  const managed = spec.managed;
  return {
    // Layers' bin/ is on PATH, after the system's ("bin (PATH)" for every runtime in "Layer paths for each
    // Lambda runtime", https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html).
    PATH: [path.dirname(spec.node.path), '/usr/local/bin', '/usr/bin', '/bin', ...optPaths(fn, 'bin')].join(':'),
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    NODE_PATH: [...layerNodePaths(fn, spec.node), path.join(runtimeDir, 'node_modules'), runtimeDir, fn.codeDir].join(
      ':',
    ),
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    // Lambda hands every environment its role's credentials; locally they are placeholders.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'local',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    // The bootstrap's, deleted before the handler loads: stop yourself once you ask for the next
    // event. Before the function's own variables, so a test can set it to 0 and have the runtime
    // freeze the process instead, as it does any runtime client that does not stop itself.
    ...(spec.selfFreeze ? { LOCAL_LAMBDA_SELF_FREEZE: '1' } : {}),
    // The bootstrap's too: how many worker threads to start when the function sets no
    // AWS_LAMBDA_NODEJS_WORKER_COUNT (AWS's runtime reads the container's vCPUs, which a local process cannot).
    ...(managed ? { LOCAL_LAMBDA_WORKERS: String(managed.workers) } : {}),
    ...spec.extraEnv,
    ...fn.environment,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: logging.logGroup,
    // Lambda hands the runtime its logging controls through these two, which the Node runtime reads
    // to format and filter console output ("Application log-level filtering with custom runtimes",
    // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html). Only
    // in JSON format: levels need it, and a Text function's environment stays as it was.
    ...(logging.logFormat === 'JSON'
      ? { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: logging.applicationLogLevel }
      : {}),
    AWS_LAMBDA_LOG_STREAM_NAME: spec.logStream,
    AWS_LAMBDA_INITIALIZATION_TYPE: managed
      ? 'lambda-managed-instances'
      : spec.provisioned
        ? 'provisioned-concurrency'
        : 'on-demand',
    // Set by Lambda for Managed Instances only; a runtime client serves invocations concurrently when it is
    // present ("Using the Lambda runtime API", https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html).
    ...(managed ? { AWS_LAMBDA_MAX_CONCURRENCY: String(managed.maxConcurrency) } : {}),
    AWS_LAMBDA_RUNTIME_API: spec.runtimeApi,
    LAMBDA_TASK_ROOT: fn.codeDir,
    LAMBDA_RUNTIME_DIR: runtimeDir,
    _HANDLER: fn.handler,
    // Local only (AWS sets no such variable): the id /_local/environments, the live view and the
    // `[fn envid]` log prefix show, so the functions' kit can answer it as its instanceId. After the
    // function's own variables, like every variable the runtime owns.
    LOCAL_LAMBDA_ENVIRONMENT_ID: spec.environmentId,
  };
}

function optPaths(fn: FunctionDefinition, ...rel: string[]): string[] {
  return fn.optDir === undefined ? [] : [path.join(fn.optDir, ...rel)];
}

/**
 * The layer folders of NODE_PATH, in the order Lambda's Node bootstrap puts them before its own:
 * `/opt/nodejs/nodeXX/node_modules:/opt/nodejs/node_modules:$LAMBDA_RUNTIME_DIR/node_modules:
 * $LAMBDA_RUNTIME_DIR:$LAMBDA_TASK_ROOT` (the nodejs24.x bootstrap; the folder names are in "Layer paths
 * for each Lambda runtime", https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html). XX is
 * the runtime's major (nodejs22.x: node22), even when a different local binary runs it.
 */
function layerNodePaths(fn: FunctionDefinition, node: NodeBinary): string[] {
  const major = /^nodejs(\d+)\.x$/.exec(fn.runtime)?.[1] ?? String(node.major);
  return [...optPaths(fn, 'nodejs', `node${major}`, 'node_modules'), ...optPaths(fn, 'nodejs', 'node_modules')];
}
