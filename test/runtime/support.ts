import * as os from 'node:os';
import * as path from 'node:path';
import { type LocalLambdaService, type ServeLocalLambdaOptions, serveLocalLambda } from '../../local/lambda-service';
import type { FunctionDefinition } from '../../local/runtime';
import { type LocalLambda, type LocalLambdaOptions, startLocalLambda } from '../../local/runtime';

export const fixturesDir = path.join(__dirname, '..', 'fixtures', 'functions');
export const cacheDir = path.join(os.tmpdir(), 'lambda-reuse-lab-runtime-test-cache');

/** A fixture function definition with small defaults; override per test. */
export function fixture(folder: string, overrides: Partial<FunctionDefinition> = {}): FunctionDefinition {
  return {
    name: folder,
    handler: 'index.handler',
    runtime: 'nodejs24.x',
    memorySize: 128,
    timeout: 5,
    codeDir: path.join(fixturesDir, folder),
    ...overrides,
  };
}

/** Starts a runtime with quiet logs and a test cache folder (no listener: tests invoke it directly). */
export function startRuntime(
  functions: FunctionDefinition[],
  options: Partial<LocalLambdaOptions> = {},
): Promise<LocalLambda> {
  return startLocalLambda({ functions, cacheDir, log: false, ...options });
}

/** Starts a runtime behind the Invoke API on a free port, as `local/cli/serve.ts` does; `stop` ends both. */
export function serveRuntime(
  functions: FunctionDefinition[],
  options: Partial<ServeLocalLambdaOptions> = {},
): Promise<LocalLambdaService> {
  return serveLocalLambda({ functions, port: 0, cacheDir, log: false, ...options });
}

export function json(buffer: Buffer): Record<string, unknown> {
  return JSON.parse(buffer.toString('utf8')) as Record<string, unknown>;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` every 20 ms until true or `timeoutMs` passes. */
export async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}
