import {
  type InvokeApiOptions,
  type InvokeApiServer,
  invokeApiDefaults,
  type LocalRoute,
  resolveInvokeApiOptions,
  startInvokeApiServer,
} from '../invoke-api';
import {
  type FunctionDefinition,
  InvalidOptionError,
  type LocalLambda,
  type LocalLambdaOptions,
  resolveOptions,
  defaults as runtimeDefaults,
  startLocalLambda,
} from '../runtime';
import { loadStack } from '../stack';

/** The runtime's defaults and the Invoke API's, in one object for a command line's help. */
export const defaults = { ...runtimeDefaults, ...invokeApiDefaults } as const;

/** What {@link serveLocalLambda} serves: the runtime's options, where its functions come from, and where it listens. */
export interface ServeLocalLambdaOptions extends Omit<LocalLambdaOptions, 'functions'>, InvokeApiOptions {
  /** A synthesized Terraform JSON stack (cdk.tf.json); its aws_lambda_function resources are served. */
  readonly stackFile?: string;
  /** Functions given directly, with unpacked code. Used with or instead of `stackFile`. */
  readonly functions?: readonly FunctionDefinition[];
  /** Values for Terraform references in environment values, e.g. `{ 'var.stage': 'dev' }`. */
  readonly references?: Readonly<Record<string, string>>;
  /** Layers the stack does not declare, by layer version ARN: a local folder each (see loadStack). */
  readonly layerFolders?: Readonly<Record<string, string>>;
}

/** A local Lambda runtime with the Invoke API in front of it. */
export interface LocalLambdaService {
  readonly runtime: LocalLambda;
  /** Base URL of the Invoke API, e.g. http://127.0.0.1:3002. */
  readonly url: string;
  /** Adds a route under /_local/ (e.g. the live view). */
  addRoute(route: LocalRoute): void;
  /** Closes the listener and stops every environment (SIGTERM, grace, SIGKILL). Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The common case in one call: loads the functions of a stack file (and/or takes them as given),
 * starts the runtime for them and serves the Invoke API for it. Options are checked before
 * anything starts; a listener that cannot open stops the runtime again.
 *
 * @example
 * const service = await serveLocalLambda({ stackFile: 'cdktf.out/stacks/lambda-reuse-lab-dev/cdk.tf.json', port: 0 });
 * await fetch(`${service.url}/2015-03-31/functions/lambda-reuse-lab-dev-hello/invocations`, { method: 'POST' });
 * await service.stop();
 */
export async function serveLocalLambda(options: ServeLocalLambdaOptions): Promise<LocalLambdaService> {
  const { stackFile, references, layerFolders, functions, host, port, routes, allowHosts, limits, ...runtimeOptions } =
    options;
  if (!stackFile && !functions) {
    throw new InvalidOptionError('stackFile|functions', undefined, 'a stack file path or a list of functions');
  }
  const api = resolveInvokeApiOptions({ host, port, routes, allowHosts, limits });
  const { cacheDir } = resolveOptions({ ...runtimeOptions, functions: [] });
  const all = [...(functions ?? [])];
  if (stackFile) {
    const stack = await loadStack(stackFile, {
      cacheDir,
      ...(references ? { references } : {}),
      ...(layerFolders ? { layerFolders } : {}),
    });
    all.push(...stack.functions);
  }
  const runtime = await startLocalLambda({ ...runtimeOptions, functions: all });
  let server: InvokeApiServer;
  try {
    server = await startInvokeApiServer(runtime, api);
  } catch (err) {
    await runtime.stop();
    throw err;
  }
  let stopped: Promise<void> | undefined;
  return {
    runtime,
    url: server.url,
    addRoute: (route) => server.addRoute(route),
    stop: () => (stopped ??= Promise.all([server.close(), runtime.stop()]).then(() => undefined)),
  };
}
