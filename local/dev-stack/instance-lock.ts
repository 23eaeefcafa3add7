import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CodedError } from '../../common/errors';
import { processAlive } from '../postgres';

/** What the lock file says about the `npm start` that holds it. */
export interface InstanceInfo {
  readonly pid: number;
  readonly startedAt: string;
  /** Filled in once the servers listen, so a second start can say where the first one is. */
  readonly urls?: Readonly<Record<string, string>>;
}

/** Another `npm start` serves this checkout: nothing was built or started. */
export class AlreadyRunningError extends CodedError {
  readonly running: InstanceInfo;

  constructor(file: string, running: InstanceInfo) {
    const where = running.urls
      ? ` (${Object.entries(running.urls)
          .map(([name, url]) => `${name} ${url}`)
          .join(', ')})`
      : ' (still starting)';
    super(
      'EALREADYRUNNING',
      `the local stack already runs in this folder: pid ${running.pid}, started ${running.startedAt}${where}. ` +
        `Stop it (Ctrl-C in its terminal, or kill ${running.pid}) first. Lock file: ${file}`,
    );
    this.running = running;
  }
}

/** A held lock: `update` records the URLs, `release` removes the file if it is still ours. */
export interface InstanceLock {
  /** The holder the lock replaced: an `npm start` that died without cleaning up (kill -9). */
  readonly stale: InstanceInfo | undefined;
  update(urls: Readonly<Record<string, string>>): Promise<void>;
  release(): Promise<void>;
}

/** The lock beside a PostgreSQL data folder: the folder, and the checkout's build, belong to one start. */
export function lockFileFor(pgDataDir: string): string {
  return `${pgDataDir.replace(/[/\\]+$/, '')}.lock.json`;
}

async function readInfo(file: string): Promise<InstanceInfo | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<InstanceInfo>;
    return typeof parsed.pid === 'number' && typeof parsed.startedAt === 'string'
      ? (parsed as InstanceInfo)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the one-stack-per-folder lock, or throws {@link AlreadyRunningError} naming the running one.
 * The file is created exclusively (`wx`), so two starts racing cannot both win; a lock whose pid is
 * gone is stale and replaced (its holder is returned, so the caller can clean up after it).
 *
 * @example
 * const lock = await acquireInstanceLock('.local/npm-start.json');
 * await lock.update({ 'HTTP API': 'http://127.0.0.1:3000' });
 * await lock.release();
 */
export async function acquireInstanceLock(file: string, pid = process.pid): Promise<InstanceLock> {
  const info: InstanceInfo = { pid, startedAt: new Date().toISOString() };
  let stale: InstanceInfo | undefined;
  // A fresh checkout has no .local/ yet.
  await mkdir(dirname(file), { recursive: true });
  for (let attempt = 0; ; attempt += 1) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(`${JSON.stringify(info)}\n`);
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = await readInfo(file);
      if (holder && holder.pid !== pid && processAlive(holder.pid)) throw new AlreadyRunningError(file, holder);
      stale = holder;
      await rm(file, { force: true });
    }
  }
  let current = info;
  return {
    stale,
    update: async (urls) => {
      current = { ...current, urls };
      await writeFile(file, `${JSON.stringify(current)}\n`, { mode: 0o600 });
    },
    release: async () => {
      const holder = await readInfo(file);
      if (holder?.pid === pid) await rm(file, { force: true });
    },
  };
}
