import * as path from 'node:path';
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
  return {
    PATH: `${path.dirname(spec.node.path)}:/usr/local/bin:/usr/bin:/bin`,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    NODE_PATH: [path.join(runtimeDir, 'node_modules'), runtimeDir, fn.codeDir].join(':'),
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
    ...spec.extraEnv,
    ...fn.environment,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: spec.logStream,
    AWS_LAMBDA_INITIALIZATION_TYPE: spec.provisioned ? 'provisioned-concurrency' : 'on-demand',
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
