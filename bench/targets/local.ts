import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { BenchTargetError } from './errors';
import type { Target } from './types';

export interface LocalTargetOptions {
  readonly rootDir: string;
  /** Build and synthesize before starting (what `npm start` does); off when dist/ and cdktf.out/ are fresh. */
  readonly build: boolean;
  /** Use this PostgreSQL instead of starting the embedded one (tests pass theirs); never printed. */
  readonly databaseUrl?: string;
  /** Lines while the stack prepares (build, synth, PostgreSQL). */
  readonly onProgress?: (line: string) => void;
}

/**
 * The parts of local/dev-stack's running stack the benchmark uses. Written as an interface of its own so
 * the bench depends on a shape, not on the dev stack's internals.
 */
export interface RunningLocalStack {
  /** HTTP API base URL. */
  readonly httpApiUrl: string;
  /** Lambda Invoke API base URL (also serves `/_local/`). */
  readonly lambdaUrl: string;
  stop(): Promise<void>;
}

/** Starts the local stack in this process: embedded PostgreSQL, SSM, the Lambda runtime and the HTTP API. */
export type StartLocalStack = (options: LocalTargetOptions) => Promise<RunningLocalStack>;

/** The Node binary the local runtime runs functions on (the `node` devDependency), and its version. */
function functionsNodeVersion(): string {
  try {
    const binary = require.resolve('node/bin/node');
    return execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim().replace(/^v/, '');
  } catch {
    return 'unknown';
  }
}

/** VmRSS of a process in MB from /proc (Linux), or 0 when it is gone or /proc is not there. */
async function processRssMb(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/**
 * The local stack as a {@link Target}: started here, on free ports, and stopped by teardown. The Lambda
 * client points at the local Invoke API with dummy credentials, so the same SDK calls as on AWS
 * (UpdateFunctionConfiguration, Invoke with LogType Tail) drive it.
 *
 * @example
 * const target = await createLocalTarget({ rootDir: process.cwd(), build: true }, startLocalStackFromDevStack);
 * try { ... } finally { await target.teardown(); }
 */
export async function createLocalTarget(options: LocalTargetOptions, start: StartLocalStack): Promise<Target> {
  const stack = await start(options);
  try {
    const lambda = new LambdaClient({
      endpoint: stack.lambdaUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const names = new Map<string, string>();
    let marker: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const out = await lambda.send(new ListFunctionsCommand(marker ? { Marker: marker } : {}));
      for (const fn of out.Functions ?? []) if (fn.FunctionName) names.set(fn.FunctionName, fn.FunctionName);
      marker = out.NextMarker;
      if (!marker) break;
    }
    const all = [...names.keys()];
    const liveEnvironments = async (
      shortName: string,
    ): Promise<{ function?: string; state?: string; pid?: number }[] | undefined> => {
      const res = await fetch(`${stack.lambdaUrl.replace(/\/+$/, '')}/_local/environments`, {
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) return undefined;
      const envs = (await res.json()) as { function?: string; state?: string; pid?: number }[];
      const name = functionName(shortName);
      return envs.filter((e) => e.function === name && e.state !== 'shutdown');
    };
    const functionName = (shortName: string): string => {
      // `-config` does not match `…-config-naive`: the short name is the whole last part.
      const found = all.find((n) => n.endsWith(`-${shortName}`) || n === shortName);
      if (!found)
        throw new BenchTargetError(
          `the local stack has no function for "${shortName}"; it has ${all.join(', ') || 'none'}`,
        );
      return found;
    };
    return {
      kind: 'local',
      lambda,
      apiBaseUrl: stack.httpApiUrl.replace(/\/+$/, ''),
      functionName,
      async environmentCount(shortName) {
        return (await liveEnvironments(shortName))?.length;
      },
      async environmentsMemory(shortName) {
        const envs = await liveEnvironments(shortName);
        if (envs === undefined) return undefined;
        // One process per environment: its worker threads (Managed Instances) share that RSS.
        const rss = await Promise.all(envs.map((e) => (e.pid === undefined ? 0 : processRssMb(e.pid))));
        return { alive: envs.length, rssMb: rss.reduce((a, b) => a + b, 0) };
      },
      coldStart: {},
      runtime: { label: 'local nodejs24.x (lambda-reuse-lab local runtime)', node: functionsNodeVersion() },
      async teardown() {
        lambda.destroy();
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
