import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Whether a process with this pid exists (EPERM means it does, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server's pid: the first line of the `postmaster.pid` it writes into its data folder while it runs. */
export async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

/** Whether `pid` is a live process that looks like a PostgreSQL server (by /proc where there is one). */
async function isPostgres(pid: number): Promise<boolean> {
  if (!processAlive(pid)) return false;
  try {
    return (await readFile(`/proc/${pid}/comm`, 'utf8')).trim().startsWith('postgres');
  } catch {
    // No /proc (macOS): the pid file and a live pid are all there is to go on.
    return process.platform !== 'linux';
  }
}

/**
 * Stops a PostgreSQL server still running on `dataDir`, left by an `npm start` that was killed
 * (`kill -9` gives it no chance to stop its children). Reads the server's own `postmaster.pid`,
 * asks for a fast shutdown (SIGINT: open transactions roll back, data is safe), and after `graceMs`
 * kills it. Resolves with the pid it stopped, or undefined when none ran.
 *
 * Call it only when the instance lock said the folder's last owner is gone.
 *
 * @example
 * const pid = await stopStaleServer('.local/pg');
 * if (pid) console.log(`stopped a PostgreSQL (pid ${pid}) left running by an earlier start`);
 */
export async function stopStaleServer(dataDir: string, graceMs = 10_000): Promise<number | undefined> {
  let pid: number;
  try {
    pid = await postmasterPid(dataDir);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 1 || !(await isPostgres(pid))) return undefined;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + graceMs;
  while (processAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (processAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    // Bounded too: a killed process nobody reaps (a container whose PID 1 does not) stays a zombie for kill(0).
    const killedBy = Date.now() + 5_000;
    while (processAlive(pid) && Date.now() < killedBy) await new Promise((r) => setTimeout(r, 20));
  }
  return pid;
}
