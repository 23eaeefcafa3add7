import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import {
  FUNCTION_URL_PREFIX,
  type FunctionUrlRoute,
  functionUrlHandler,
  invokeThroughLambdaClient,
  type RunningHttpApi,
  startHttpApi,
} from '../http-api';
import { type InvokeApiServer, startInvokeApiServer } from '../invoke-api';
import { type FunctionDefinition, type LocalLambda, startLocalLambda } from '../runtime';
import { persistParameterChanges, type RunningSsmServer, seedParameters, startSsmServer } from '../ssm';
import {
  apiRoutesFromStack,
  functionUrlsFromStack,
  loadStack,
  ssmParametersFromStack,
  stackResolver,
  type TerraformJson,
} from '../stack';
import { liveViewRoutes } from '../view';
import { type LocalDatabase, startDatabase } from './database';
import { databaseParameters, declaredDatabaseName } from './database-parameters';
import { startLocalDbSecret } from './database-secret';
import { applyEnvOverrides, shortNames } from './env-overrides';
import { DevStackError } from './errors';
import { freePort } from './free-port';
import { formatRebuild, startFunctionBuilds } from './function-builds';
import { urlInvokeThroughRuntime } from './function-url-invoke';
import { inspectedFunctions, watchTargets } from './inspect-and-watch';
import { acquireInstanceLock, type InstanceLock, lockFileFor } from './instance-lock';
import { checkLambdaMode, stackLambdaMode } from './lambda-mode';
import { localResolver } from './local-references';
import { type DevStackOptions, type LambdaMode, resolveDevStackOptions } from './options';
import { buildAll, synthesize, synthesizedStackFile } from './prepare';
import { type ResourceCensus, resourceCensus } from './stack-resources';

/** One route of the HTTP API and the function behind it, as the summary shows it. */
export interface DevStackEndpoint {
  readonly routeKey: string;
  readonly functionName: string;
  /** The name without the shared `<prefix>-<stage>-`, e.g. `hello`. */
  readonly shortName: string;
  readonly runtime: string;
  readonly memorySize: number;
  readonly timeout: number;
  readonly reservedConcurrency: number | undefined;
}

/** One aws_lambda_function_url, served on the HTTP API's port under `/_url/<short name>/`. */
export interface DevStackFunctionUrl {
  readonly url: string;
  readonly functionName: string;
  readonly shortName: string;
  readonly invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
  /** AWS_IAM is not checked locally: every request is let through, as with NONE. */
  readonly authorizationType: 'NONE' | 'AWS_IAM';
}

/** One function on Managed Instances, as started: its environments are up before the first request. */
export interface DevStackManagedFunction {
  readonly functionName: string;
  readonly shortName: string;
  /** Environments running at start (started ahead of traffic). */
  readonly environments: number;
  /** Invocations one environment runs at once (`per_execution_environment_max_concurrency`). */
  readonly maxConcurrency: number;
  /** Worker threads per environment. */
  readonly workers: number;
}

/** A running local stack. Holds no secret: the database password is not part of it. */
export interface DevStack {
  readonly stackFile: string;
  /** The model the stack's functions run on (read from the stack served). */
  readonly lambdaMode: LambdaMode;
  /** Managed Instances: environments per function ahead of traffic, and each function as started (else empty). */
  readonly managedInstances: {
    readonly minEnvironments: number;
    readonly functions: readonly DevStackManagedFunction[];
  };
  readonly urls: {
    readonly httpApi: string;
    readonly lambda: string;
    readonly ssm: string;
    readonly secretsManager: string;
    readonly liveView: string;
  };
  readonly database: {
    readonly kind: 'embedded' | 'external';
    readonly host: string;
    readonly port: number;
    readonly database: string;
    readonly dataDir: string | undefined;
  };
  readonly endpoints: readonly DevStackEndpoint[];
  readonly functionUrls: readonly DevStackFunctionUrl[];
  readonly census: ResourceCensus;
  /**
   * Parameter names in the local SSM (never values), those whose value was generated now, and those
   * whose earlier local change (PutParameter, DeleteParameter) was restored from `file`.
   */
  readonly parameters: {
    readonly names: readonly string[];
    readonly generated: readonly string[];
    readonly restored: readonly string[];
    readonly file: string;
  };
  readonly warnings: readonly string[];
  readonly runtime: LocalLambda;
  /**
   * Real outages of the stack's own services, for the fault suite (`npm run faults`, bench/faults):
   * the functions see exactly what they would see if PostgreSQL or SSM went away.
   */
  readonly faults: {
    /** Stops the embedded PostgreSQL, waits `downMs`, starts it again on the same port and data (external: refused). */
    restartDatabase(downMs?: number): Promise<void>;
    /** Stops the local SSM endpoint for the rest of the stack's life (its port then refuses connections). */
    stopSsm(): Promise<void>;
  };
  /** The folder watched for changes (`watch`), or undefined. */
  readonly watching: string | undefined;
  /** The functions whose environments start with the inspector (deployed names). */
  readonly inspected: readonly string[];
  /** Stops everything: HTTP API, environments (SIGTERM, grace, SIGKILL), SSM, PostgreSQL. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the whole stack on this machine from a synthesized CDKTF stack: PostgreSQL (embedded, or
 * `databaseUrl`), a local SSM seeded from the stack's aws_ssm_parameter resources and pointed at
 * that database, the local Lambda runtime for every aws_lambda_function (with the live view at
 * `/_local/`), and the HTTP API for the stack's routes. Builds and synthesizes first unless
 * `build: false` or a `stackFile` is given.
 *
 * @example
 * const stack = await startDevStack({ httpPort: 0, lambdaPort: 0, ssmPort: 0, pgPort: 0, build: false });
 * await fetch(`${stack.urls.httpApi}/hello`);
 * await stack.stop();
 */
export async function startDevStack(options: DevStackOptions = {}): Promise<DevStack> {
  const o = resolveDevStackOptions(options);
  const progress = o.onProgress ?? (() => {});
  // Before anything is built: a second start must change nothing under the one that runs.
  const lock = await acquireInstanceLock(lockFileFor(o.pgDataDir));
  if (lock.stale) progress(`an earlier start (pid ${lock.stale.pid}) ended without stopping; cleaning up after it`);
  try {
    return await startLocked(o, progress, lock);
  } catch (err) {
    await lock.release();
    throw err;
  }
}

async function startLocked(
  o: ReturnType<typeof resolveDevStackOptions>,
  progress: (line: string) => void,
  lock: InstanceLock,
): Promise<DevStack> {
  let stackFile = o.stackFile;
  if (stackFile === undefined) {
    if (o.build) {
      progress('building the functions (dist/functions)');
      await buildAll(o.rootDir);
      const mode = o.lambdaMode ?? 'classic';
      progress(`synthesizing the stack (LAMBDA_MODE=${mode} tsx main.ts -> cdktf.out)`);
      await synthesize(o.rootDir, mode);
    }
    stackFile = await synthesizedStackFile(o.rootDir);
  }
  let stack: TerraformJson;
  try {
    stack = JSON.parse(await readFile(stackFile, 'utf8')) as TerraformJson;
  } catch (err) {
    throw new DevStackError('ESTACKFILE', `cannot read the stack ${stackFile}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  // cdktf.out may hold an earlier synth of the other model (--no-build); a stack file given is checked
  // only against a mode asked for, since it says its own.
  const expected = o.lambdaMode ?? (o.stackFile === undefined ? 'classic' : undefined);
  if (expected !== undefined) checkLambdaMode(stack, expected, { stackFile, synthesized: o.build && !o.stackFile });
  const lambdaMode = stackLambdaMode(stack);

  const cleanups: Array<() => Promise<void>> = [() => lock.release()];
  const stopAll = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((e: unknown) => errors.push(e));
    if (errors.length > 0)
      throw new DevStackError('ESTOP', `stopping the stack: ${errors.map((e) => (e as Error).message).join('; ')}`);
  };
  try {
    // The stack's own literals are enough to learn the database name; the rest needs the local servers.
    const literalParameters = ssmParametersFromStack(stack, { resolve: stackResolver(stack) }).parameters;
    const databaseName = declaredDatabaseName(literalParameters) ?? 'lab';
    progress(
      o.databaseUrl
        ? 'using the external PostgreSQL from DATABASE_URL'
        : `starting PostgreSQL (data in ${o.pgDataDir})`,
    );
    const db: LocalDatabase = await startDatabase({
      databaseUrl: o.databaseUrl,
      dataDir: o.pgDataDir,
      host: o.host,
      port: o.pgPort,
      databaseName,
      onNote: progress,
    });
    cleanups.push(() => db.stop());

    const httpPort = o.httpPort === 0 ? await freePort(o.host) : o.httpPort;
    const resolve = localResolver(stack, {
      region: o.region,
      accountId: o.accountId,
      database: { host: db.host, port: db.port, name: db.database },
      httpApiUrl: `http://${o.host}:${httpPort}`,
    });

    const declared = ssmParametersFromStack(stack, { resolve }).parameters;
    const { declared: kept, overrides } = databaseParameters(declared, db);
    const seeded = await seedParameters({ declared: kept, secretsFile: o.secretsFile, overrides });
    if (seeded.missing.length > 0) {
      throw new DevStackError(
        'ESSMSEED',
        `no local value for the SSM parameters ${seeded.missing.join(', ')} (their stack value holds an unresolved reference)`,
      );
    }
    const ssm: RunningSsmServer = await listening('SSM', '--ssm-port', o.ssmPort, () =>
      startSsmServer({
        host: o.host,
        port: o.ssmPort,
        region: o.region,
        accountId: o.accountId,
        parameters: seeded.parameters,
        allowHosts: o.allowHosts,
        limits: o.listenerLimits,
      }),
    );
    cleanups.push(() => ssm.stop());
    if (o.resetParameters) {
      await rm(o.parametersFile, { force: true });
      progress(`--reset: the local SSM starts from the stack's values (dropped ${o.parametersFile})`);
    }
    // Before any function can call it. The database wiring is pinned: it is recomputed every start.
    const persisted = persistParameterChanges(ssm.store, {
      file: o.parametersFile,
      pinned: overrides.map((p) => p.name),
    });

    const loaded = await loadStack(stackFile, {
      stack,
      cacheDir: o.cacheDir,
      resolver: resolve,
      layerFolders: o.layerFolders,
    });
    // Managed mode's password, served the way Secrets Manager serves it on AWS (see database-secret.ts).
    const secrets = await listening('Secrets Manager', 'secretsManagerPort', o.secretsManagerPort, () =>
      startLocalDbSecret({
        host: o.host,
        port: o.secretsManagerPort,
        region: o.region,
        accountId: o.accountId,
        db,
        allowHosts: o.allowHosts,
        limits: o.listenerLimits,
      }),
    );
    cleanups.push(() => secrets.stop());
    const functions = applyEnvOverrides(secrets.withSecret(loaded.functions, declared), o.envOverrides);
    const short = shortNames(functions.map((f) => f.name));
    const inspected = inspectedFunctions(o.inspect, short);
    const runtime = await startLocalLambda({
      functions,
      inspect: inspected,
      inspectPort: o.inspectPort,
      freeze: o.freeze,
      idleTimeoutMs: o.idleTimeoutMs,
      region: o.region,
      accountId: o.accountId,
      cacheDir: o.cacheDir,
      endedHistory: Math.max(o.endedHistory, 1),
      managedInstances: { minEnvironments: o.lmiMinEnvironments },
      extraEnv: {
        AWS_ENDPOINT_URL_SSM: ssm.url,
        // Placeholders: the SDK signs every request, and the local servers accept any signature.
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_REGION: o.region,
        AWS_DEFAULT_REGION: o.region,
      },
      ...(o.onLog ? { log: o.onLog } : { log: false }),
    });
    cleanups.push(() => runtime.stop());
    // Watch, or a debugger's bundles (unminified, source maps that find the sources from the code cache).
    const watchDir = join(o.rootDir, 'functions');
    if (o.watch || (inspected.length > 0 && o.stackFile === undefined)) {
      const debugged = new Set(inspected.map((name) => short.get(name)));
      const targets = watchTargets(short).filter((t) => o.watch || debugged.has(t.name));
      progress(
        o.watch
          ? `watching ${watchDir} (${targets.length} functions, esbuild incremental)`
          : `bundling ${inspected.length} function(s) for the debugger`,
      );
      const full = new Map([...short].map(([name, shortName]) => [shortName, name]));
      const builds = await startFunctionBuilds({
        rootDir: o.rootDir,
        watchDir,
        targets,
        functionName: (name) => full.get(name) ?? name,
        cacheDir: o.cacheDir,
        runtime,
        unminified: inspected.map((name) => short.get(name) ?? name),
        watch: o.watch,
        onRebuild: (report) => {
          // At start the code built is what the stack held: only a failure is news.
          if (report.initial && report.failed.length === 0) return;
          o.onWatch?.(formatRebuild(report));
        },
      });
      cleanups.push(() => builds.stop());
    }
    const viewRoutes = liveViewRoutes(runtime, { endedLimit: o.endedHistory, shortNames: short });
    const lambdaApi: InvokeApiServer = await listening('Lambda API', '--lambda-port', o.lambdaPort, () =>
      startInvokeApiServer(runtime, {
        host: o.host,
        port: o.lambdaPort,
        routes: viewRoutes,
        allowHosts: o.allowHosts,
        limits: o.listenerLimits,
      }),
    );
    cleanups.push(() => lambdaApi.close());

    const { routes } = apiRoutesFromStack(stack, { functionName: (id) => loaded.functionNames.get(id) });
    const lambdaClient = new LambdaClient({
      endpoint: lambdaApi.url,
      region: o.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      // API Gateway does not retry a throttled or failed invoke; the SDK would.
      maxAttempts: 1,
    });
    cleanups.push(async () => lambdaClient.destroy());
    const unrouted = routes.filter(
      (r) => r.functionName === undefined || !functions.some((f) => f.name === r.functionName),
    );
    if (unrouted.length > 0) {
      throw new DevStackError(
        'EROUTES',
        `routes with no local function: ${unrouted.map((r) => `${r.routeKey} -> aws_lambda_function.${r.functionResourceId}`).join(', ')}`,
      );
    }
    const stackUrls = functionUrlsFromStack(stack, { functionName: (id) => loaded.functionNames.get(id) });
    const unserved = stackUrls.filter((u) => !functions.some((f) => f.name === u.functionName));
    if (unserved.length > 0) {
      throw new DevStackError(
        'EFUNCTIONURLS',
        `function URLs with no local function: ${unserved.map((u) => `aws_lambda_function_url.${u.resourceId}`).join(', ')}`,
      );
    }
    const urlRoutes: FunctionUrlRoute[] = stackUrls.map((u) => ({
      name: short.get(u.functionName as string) ?? (u.functionName as string),
      functionName: u.functionName as string,
      invokeMode: u.invokeMode,
      cors: u.cors,
    }));
    const http: RunningHttpApi = await listening('HTTP API', '--http-port', httpPort, () =>
      startHttpApi({
        host: o.host,
        port: httpPort,
        routes: routes.map((r) => ({ routeKey: r.routeKey, functionName: r.functionName as string })),
        invoke: invokeThroughLambdaClient(lambdaClient),
        accountId: o.accountId,
        allowHosts: o.allowHosts,
        limits: o.listenerLimits,
        ...(o.onHttpLog ? { log: o.onHttpLog } : {}),
        ...(urlRoutes.length > 0
          ? {
              functionUrls: functionUrlHandler({
                urls: urlRoutes,
                invoke: urlInvokeThroughRuntime(runtime),
                accountId: o.accountId,
                region: o.region,
                log: o.onHttpLog ?? (() => undefined),
              }),
            }
          : {}),
      }),
    );
    cleanups.push(() => http.stop());

    const endpoints: DevStackEndpoint[] = routes.map((r) => {
      const fn = functions.find((f) => f.name === r.functionName) as FunctionDefinition;
      return {
        routeKey: r.routeKey,
        functionName: fn.name,
        shortName: short.get(fn.name) ?? fn.name,
        runtime: fn.runtime,
        memorySize: fn.memorySize,
        timeout: fn.timeout,
        reservedConcurrency: fn.reservedConcurrency,
      };
    });
    await lock.update({ 'HTTP API': http.url, 'Lambda API': lambdaApi.url, SSM: ssm.url });
    const managedFunctions = managedFunctionsAtStart(runtime, functions, short);
    let stopped: Promise<void> | undefined;
    return {
      stackFile,
      lambdaMode,
      managedInstances: { minEnvironments: o.lmiMinEnvironments, functions: managedFunctions },
      urls: {
        httpApi: http.url,
        lambda: lambdaApi.url,
        ssm: ssm.url,
        secretsManager: secrets.url,
        liveView: `${lambdaApi.url}/_local/`,
      },
      database: { kind: db.kind, host: db.host, port: db.port, database: db.database, dataDir: db.dataDir },
      endpoints,
      functionUrls: stackUrls.map((u, i) => ({
        url: `${http.url}${FUNCTION_URL_PREFIX}${urlRoutes[i]?.name}/`,
        functionName: u.functionName as string,
        shortName: urlRoutes[i]?.name ?? '',
        invokeMode: u.invokeMode,
        authorizationType: u.authorizationType,
      })),
      census: resourceCensus(stack),
      parameters: {
        names: ssm.store.names(),
        generated: seeded.generated,
        restored: persisted.restored,
        file: o.parametersFile,
      },
      warnings: [...runtime.startupWarnings],
      runtime,
      faults: { restartDatabase: (downMs) => db.restart(downMs), stopSsm: () => ssm.stop() },
      watching: o.watch ? watchDir : undefined,
      inspected,
      stop: () => (stopped ??= stopAll()),
    };
  } catch (err) {
    await stopAll().catch(() => {});
    throw err;
  }
}

/** The Managed Instances functions and the environments the runtime started for them ahead of traffic. */
function managedFunctionsAtStart(
  runtime: LocalLambda,
  functions: readonly FunctionDefinition[],
  short: ReadonlyMap<string, string>,
): DevStackManagedFunction[] {
  const live = runtime.environments();
  return functions
    .filter((f) => f.managedInstances !== undefined)
    .map((f) => {
      const envs = live.filter((e) => e.function === f.name && e.concurrency !== undefined);
      return {
        functionName: f.name,
        shortName: short.get(f.name) ?? f.name,
        environments: envs.length,
        maxConcurrency: envs[0]?.concurrency?.max ?? f.managedInstances?.maxConcurrency ?? 0,
        workers: envs[0]?.concurrency?.workers ?? 0,
      };
    })
    .sort((a, b) => a.shortName.localeCompare(b.shortName));
}

/** Runs a server start; a port already taken fails with the flag that changes it. */
async function listening<T>(what: string, flag: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new DevStackError(
        'EADDRINUSE',
        `the ${what} cannot listen on port ${port}: it is in use. Choose another with ${flag} <n> (0 picks a free one).`,
        { cause: err },
      );
    }
    throw err;
  }
}
