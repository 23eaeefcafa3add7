/**
 * Starts the whole local stack as a real child process (`node --import tsx local/cli/start.ts`),
 * as `npm start` would, and talks to it over HTTP. Every wait is bounded; every process is ended.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export const root = resolve(__dirname, '..', '..');
const node = require.resolve('node/bin/node');

/** Fails with what to run when the build or the synthesized stack is missing (npm test makes both before jest). */
export function requireArtifacts(): void {
  const dist = join(root, 'dist', 'functions');
  const zips = existsSync(dist) ? readdirSync(dist).filter((f) => f.endsWith('.zip')) : [];
  const manifest = join(root, 'cdktf.out', 'manifest.json');
  if (zips.length === 0 || !existsSync(manifest)) {
    throw new Error(
      `The e2e tests serve the built and synthesized stack, and ${zips.length === 0 ? 'dist/functions has no zip' : 'cdktf.out/manifest.json is missing'}. ` +
        'Run `npm run build && npm run synth` first (npm test does).',
    );
  }
}

/**
 * A private copy of the synthesized stack (cdk.tf.json and its assets), so a synth running in the
 * same checkout meanwhile cannot pull a zip from under the test. Returns the copied cdk.tf.json.
 */
export async function snapshotStack(): Promise<string> {
  requireArtifacts();
  for (let attempt = 1; ; attempt += 1) {
    try {
      const manifest = JSON.parse(readFileSync(join(root, 'cdktf.out', 'manifest.json'), 'utf8')) as {
        stacks: Record<string, { workingDirectory: string; synthesizedStackPath: string }>;
      };
      const [stack] = Object.values(manifest.stacks);
      if (!stack) throw new Error('cdktf.out/manifest.json lists no stack');
      const target = tempDir('lrl-e2e-stack-');
      cpSync(join(root, 'cdktf.out', stack.workingDirectory), target, { recursive: true });
      const file = join(target, 'cdk.tf.json');
      const json = JSON.parse(readFileSync(file, 'utf8')) as {
        resource?: { aws_lambda_function?: Record<string, { filename?: string }> };
      };
      const missing = Object.values(json.resource?.aws_lambda_function ?? {}).filter(
        (f) => !f.filename || !existsSync(join(target, f.filename)),
      );
      if (missing.length > 0) throw new Error('the copied stack lacks some of its zips (a synth was running)');
      return file;
    } catch (err) {
      if (attempt >= 5) throw err;
      // A synth in progress needs a moment.
      await sleep(2_000);
    }
  }
}

const tempDirs: string[] = [];
/** Files a stack writes beside a temp folder (its kept SSM changes), removed with the folders. */
const tempFiles: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A database of its own on the test run's PostgreSQL (TEST_DATABASE_URL), for tests where persistence is not the point. */
export async function ownDatabase(name: string): Promise<string> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set: run through jest (its global setup starts PostgreSQL)');
  const db = `${name}_${process.pid}_${Date.now()}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${db}"`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${db}`;
  return url.toString();
}

export interface StackProcess {
  readonly child: ChildProcess;
  readonly httpApi: string;
  readonly lambdaApi: string;
  readonly ssm: string;
  readonly secretsManager: string;
  readonly pgPort: number;
  /** Every stdout line so far. */
  readonly lines: string[];
  output(): string;
  /**
   * Sends the signal (to the process, or to its whole process group as a terminal does) and waits
   * (bounded) for the exit; returns code and signal.
   */
  stop(
    signal?: NodeJS.Signals,
    timeoutMs?: number,
    target?: 'process' | 'group',
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const live = new Set<ChildProcess>();

/** For afterAll: ends what a failed test left running, then removes the temp folders. */
export function cleanup(): void {
  killLeftovers();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const file of tempFiles.splice(0)) rmSync(file, { force: true });
}

/** Kills whatever a failed test left behind (the process group, so its environments and PostgreSQL too). */
function killLeftovers(): void {
  for (const child of live) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  live.clear();
}

/**
 * Starts `local/cli/start.ts --stack <snapshot>` with free ports and waits until it says Ready.
 *
 * @example
 * const stack = await startStack({ stackFile: snapshotStack(), args: ['--database-url', url] });
 * await fetch(`${stack.httpApi}/hello`);
 * await stack.stop();
 */
export async function startStack(options: {
  stackFile: string;
  args?: readonly string[];
  pgDataDir?: string;
  timeoutMs?: number;
}): Promise<StackProcess> {
  const pgDataDir = options.pgDataDir ?? tempDir('lrl-e2e-pg-');
  // The stack keeps SSM changes beside its data folder (local/dev-stack/options.ts parametersFileFor).
  tempFiles.push(`${pgDataDir}.ssm-parameters.json`);
  const args = [
    '--import',
    'tsx',
    'local/cli/start.ts',
    '--stack',
    options.stackFile,
    '--http-port',
    '0',
    '--lambda-port',
    '0',
    '--ssm-port',
    '0',
    '--pg-port',
    '0',
    '--pg-data-dir',
    pgDataDir,
    ...(options.args ?? []),
  ];
  const env = { ...process.env };
  delete env.DATABASE_URL;
  // Its own process group, so a failed test can end the stack and everything it started at once.
  const child = spawn(node, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  live.add(child);
  const lines: string[] = [];
  const errors: string[] = [];
  let partial = '';
  const waiters: Array<() => void> = [];
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => errors.push(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      for (const w of waiters.splice(0)) w();
      done({ code, signal });
    }),
  );
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (!lines.some((l) => l.startsWith('Ready in '))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the stack exited before it was ready:\n${lines.join('\n')}\n${errors.join('')}`);
    }
    if (Date.now() > deadline) {
      killLeftovers();
      throw new Error(
        `the stack was not ready within ${options.timeoutMs ?? 90_000} ms:\n${lines.join('\n')}\n${errors.join('')}`,
      );
    }
    await new Promise<void>((r) => {
      waiters.push(r);
      setTimeout(r, 200).unref();
    });
  }
  const find = (label: string): string => {
    const line = lines.find((l) => l.trimStart().startsWith(label));
    const url = line ? /(https?:\/\/[\d.]+:\d+)/.exec(line)?.[1] : undefined;
    if (!url) throw new Error(`no ${label} line in the summary:\n${lines.join('\n')}`);
    return url;
  };
  const pgLine = lines.find((l) => l.trimStart().startsWith('PostgreSQL')) ?? '';
  return {
    child,
    httpApi: find('HTTP API'),
    lambdaApi: find('Lambda API'),
    ssm: find('SSM'),
    secretsManager: find('Secrets Manager'),
    pgPort: Number(/:(\d+)/.exec(pgLine)?.[1]),
    lines,
    output: () => `${lines.join('\n')}\n${partial}\n${errors.join('')}`,
    async stop(signal: NodeJS.Signals = 'SIGINT', timeoutMs = 30_000, target: 'process' | 'group' = 'process') {
      if (child.exitCode === null && child.signalCode === null) {
        if (target === 'group' && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
      const result = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (result === 'timeout') {
        killLeftovers();
        throw new Error(`the stack did not exit within ${timeoutMs} ms of ${signal}:\n${lines.join('\n')}`);
      }
      return result;
    },
  };
}

/** Runs the assertions; a failure carries the stack's output, which says why (REPORT lines, errors). */
export async function explained<T>(stack: StackProcess, assertions: () => T | Promise<T>): Promise<T> {
  try {
    return await assertions();
  } catch (err) {
    if (err instanceof Error) err.message += `\n\n--- output of the stack ---\n${stack.output().slice(-6_000)}`;
    throw err;
  }
}

/** GET (or another method) and parse the JSON body, with the status. */
export async function getJson<T = Record<string, unknown>>(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    throw new Error(`${url} answered ${res.status} with a non-JSON body: ${text.slice(0, 300)}`);
  }
  return { status: res.status, body };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** True while a process with this pid exists (zombies excepted: they are gone for good). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8') as string;
    return stat.split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}
