import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const repositoryRoot = join(__dirname, '..', '..');

export interface BenchRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run bench`'s entry point (`bench/cli.ts`) as a child process in its own process group, against
 * the test run's PostgreSQL, and ends it after `limitMs`: SIGTERM first, so the bench stops its stack, then
 * SIGKILL to the group for anything left.
 *
 * @example
 * const run = await runBench(['--quick', '--out', dir], 150_000);
 */
export function runBench(args: readonly string[], limitMs: number): Promise<BenchRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'bench/cli.ts', ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, BENCH_DATABASE_URL: process.env.TEST_DATABASE_URL ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const term = setTimeout(() => child.kill('SIGTERM'), limitMs);
    const kill = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, limitMs + 10_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(term);
      clearTimeout(kill);
      resolve({ code, stdout, stderr });
    });
  });
}
