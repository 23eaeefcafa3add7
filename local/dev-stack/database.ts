import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  EmbeddedPostgresError,
  embeddedPostgresDefaults,
  loadOrCreatePassword,
  passwordFileFor,
  startEmbeddedPostgres,
  stopStaleServer,
} from '../postgres';
import { DevStackError } from './errors';
import { freePort } from './free-port';

/** The PostgreSQL the functions use. `password` and `url` are non-enumerable: they never serialise. */
export interface LocalDatabase {
  readonly kind: 'embedded' | 'external';
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  /** `require` when the external URL asks for TLS; the embedded server speaks plain TCP on loopback. */
  readonly ssl: 'require' | 'disable';
  readonly password: string;
  /** Connection string to `database`; holds the password. */
  readonly url: string;
  readonly dataDir: string | undefined;
  stop(): Promise<void>;
  /**
   * Stops the embedded server, waits `downMs`, and starts it again on the same port and data folder: a
   * real outage for the fault suite (bench/faults). An external database is not ours to restart: refused.
   */
  restart(downMs?: number): Promise<void>;
}

export interface DatabaseOptions {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The database the stack names (db/database), created in the embedded server when missing. */
  readonly databaseName: string;
  /** Told of what was done for the user that they should know (a stale server stopped, a password made). */
  readonly onNote?: (line: string) => void;
}

function secretFields<T extends object>(target: T, fields: Record<string, string>): T {
  for (const [key, value] of Object.entries(fields)) Object.defineProperty(target, key, { value, enumerable: false });
  return target;
}

/** Sets the superuser's password (the value travels as a literal PostgreSQL quotes, never logged). */
async function changePassword(adminUrl: string, password: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ quoted: string }>('SELECT quote_literal($1::text) AS quoted', [password]);
    await client.query(`ALTER ROLE CURRENT_USER PASSWORD ${rows[0]?.quoted}`);
  } finally {
    await client.end();
  }
}

/** Creates `name` unless it exists; the name is quoted as an identifier. */
async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the embedded PostgreSQL (data kept in `dataDir`, so visits survive a restart) and creates
 * the stack's database in it, or takes an external server from `databaseUrl` as is.
 *
 * @example
 * const db = await startDatabase({ databaseUrl: undefined, dataDir: '/repo/.local/pg', host: '127.0.0.1', port: 5433, databaseName: 'lab' });
 */
export async function startDatabase(options: DatabaseOptions): Promise<LocalDatabase> {
  if (options.databaseUrl !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(options.databaseUrl);
    } catch {
      throw new DevStackError('EDATABASEURL', 'DATABASE_URL is not a valid URL (value hidden)');
    }
    const sslmode = parsed.searchParams.get('sslmode');
    const base = {
      kind: 'external' as const,
      host: parsed.hostname,
      port: Number(parsed.port || 5432),
      user: decodeURIComponent(parsed.username),
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
      ssl:
        sslmode === null || sslmode === 'disable' || sslmode === 'prefer' || sslmode === 'allow'
          ? ('disable' as const)
          : ('require' as const),
      dataDir: undefined,
      stop: async () => {},
      restart: async (): Promise<void> => {
        throw new DevStackError('ERESTART', 'an external database (DATABASE_URL) is not restarted by the local stack');
      },
    };
    return secretFields(base, {
      password: decodeURIComponent(parsed.password),
      url: options.databaseUrl,
    }) as LocalDatabase;
  }
  const note = options.onNote ?? (() => {});
  // The caller holds the data folder's lock, so a server still running on it was left by a start
  // that was killed (kill -9 gives it no chance to stop PostgreSQL).
  const stale = await stopStaleServer(options.dataDir);
  if (stale !== undefined) note(`stopped a PostgreSQL (pid ${stale}) that an earlier, killed start left running`);
  const passwordFile = passwordFileFor(options.dataDir);
  const { password, created } = await loadOrCreatePassword(passwordFile);
  // A cluster made before passwords were generated has the old fixed one: log in with it once and change it.
  const legacy = created && existsSync(join(options.dataDir, 'PG_VERSION'));
  if (created) note(`generated the embedded PostgreSQL password (kept in ${passwordFile}, mode 600)`);
  let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  for (let attempt = 1; !pg; attempt += 1) {
    const port = options.port === 0 ? await freePort(options.host) : options.port;
    try {
      pg = await startEmbeddedPostgres({
        dataDir: options.dataDir,
        port,
        password: legacy ? embeddedPostgresDefaults.password : password,
      });
    } catch (err) {
      // A port we picked ourselves can be taken between picking and binding: pick again, a bounded number of times.
      if (options.port === 0 && err instanceof EmbeddedPostgresError && err.portInUse && attempt < 3) continue;
      throw new DevStackError(
        'EPOSTGRES',
        `embedded PostgreSQL did not start on ${options.host}:${port} with data in ${options.dataDir}: ${err instanceof Error ? err.message : String(err)}. ` +
          'Is the port in use (try --pg-port 0) or another server using the data folder?',
        { cause: err },
      );
    }
  }
  if (legacy) {
    try {
      await changePassword(pg.url, password);
    } catch (err) {
      await pg.stop().catch(() => {});
      await rm(passwordFile, { force: true });
      throw new DevStackError(
        'EPOSTGRES',
        `cannot log in to the existing PostgreSQL data in ${options.dataDir} to set its new password: ${(err as Error).message}. ` +
          `If you know its superuser password, write it to ${passwordFile}; or remove the folder to start afresh.`,
        { cause: err },
      );
    }
    const withNew = new URL(pg.url);
    withNew.password = encodeURIComponent(password);
    pg = { ...pg, url: withNew.href };
  }
  try {
    await ensureDatabase(pg.url, options.databaseName);
  } catch (err) {
    await pg.stop().catch(() => {});
    throw new DevStackError('EPOSTGRES', `cannot create database ${options.databaseName}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  // The server now running; a restart replaces it.
  let server = pg;
  // The server's own connection string, pointed at the stack's database.
  const url = new URL(pg.url);
  url.pathname = `/${encodeURIComponent(options.databaseName)}`;
  const base = {
    kind: 'embedded' as const,
    host: pg.host,
    port: pg.port,
    user: pg.user,
    database: options.databaseName,
    ssl: 'disable' as const,
    dataDir: options.dataDir,
    stop: () => server.stop(),
    restart: async (downMs = 0) => {
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      server = await startEmbeddedPostgres({ dataDir: options.dataDir, port: server.port, password });
    },
  };
  return secretFields(base, { password: decodeURIComponent(url.password), url: url.href }) as LocalDatabase;
}
