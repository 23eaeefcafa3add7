import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DbSettings } from '../config/app-config';
import { assertInt } from '../env';
import { DatabaseUnavailableError, InvalidOptionError } from '../errors';
import {
  type ConnectionOptions,
  defaults as connectionDefaults,
  settingsFingerprint,
  toClientConfig,
} from './connection';
import { poolMaxFromEnv } from './pool-size';
import { isConnectionError, withConnectionRetry } from './retry';

export interface ReusePoolOptions extends ConnectionOptions {
  /** Connections per environment. An environment serves one invocation at a time, so 1 is enough and keeps the server's budget small. */
  max: number;
  /**
   * 0 = never close idle clients on a timer. A frozen environment runs no timers anyway, and the whole
   * point is to find the connection still open on the next warm invocation.
   */
  idleTimeoutMillis: number;
  /** Let the process exit when only idle clients remain (matters outside Lambda: scripts, tests). */
  allowExitOnIdle: boolean;
  /** A client idle longer than this (monotonic ms) is checked with `SELECT 1` before use: it may have died while the environment was frozen. */
  validateAfterIdleMs: number;
  /** Monotonic clock, ms. Not the wall clock, which can jump. */
  monotonicNow: () => number;
  /** Told when an idle client fails (e.g. the server closed it while the environment was frozen). */
  onIdleError: (err: Error) => void;
}

export const defaults: ReusePoolOptions = {
  ...connectionDefaults,
  max: 1,
  idleTimeoutMillis: 0,
  allowExitOnIdle: true,
  validateAfterIdleMs: 10_000,
  monotonicNow: () => performance.now(),
  onIdleError: () => {},
};

function validate(opts: ReusePoolOptions): ReusePoolOptions {
  assertInt('ReusePool', 'max', opts.max, 1, 100);
  assertInt('ReusePool', 'connectionTimeoutMillis', opts.connectionTimeoutMillis, 1, 60_000);
  assertInt('ReusePool', 'idleTimeoutMillis', opts.idleTimeoutMillis, 0);
  assertInt('ReusePool', 'validateAfterIdleMs', opts.validateAfterIdleMs, 0);
  if (typeof opts.monotonicNow !== 'function')
    throw new InvalidOptionError({
      component: 'ReusePool',
      option: 'monotonicNow',
      value: typeof opts.monotonicNow,
      allowed: 'a function',
    });
  return opts;
}

export interface QueryOptions {
  /** Safe to run twice. Only idempotent statements are retried after a connection-class error. */
  idempotent?: boolean;
}

/** Pool gauges (from pg) and the kit's own counters. */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  /** Connections opened since the environment started. */
  connectionsOpened: number;
  /** Idle clients checked with SELECT 1 before use. */
  validations: number;
  /** Clients thrown away because validation failed or they errored. */
  discarded: number;
  /** Statements re-run once after a connection-class error. */
  retries: number;
  /** Idle clients that failed while in the pool (the pool 'error' event). */
  idleErrors: number;
}

/**
 * A module-scope pg Pool fit for Lambda: created on first use from settings the config cache
 * provides, it keeps its connection across warm invocations and survives the environment being
 * frozen: idle-client errors are absorbed, long-idle clients are validated, and idempotent
 * statements get one retry on a connection-class error.
 */
export class ReusePool {
  private readonly opts: ReusePoolOptions;
  private pool: pg.Pool | undefined;
  private fingerprint: string | undefined;
  private readonly releasedAt = new WeakMap<pg.PoolClient, number>();
  private readonly checkoutListeners = new WeakMap<pg.PoolClient, (err: Error) => void>();
  private readonly counters = { connectionsOpened: 0, validations: 0, discarded: 0, retries: 0, idleErrors: 0 };

  constructor(
    private readonly settings: () => Promise<DbSettings>,
    options: Partial<ReusePoolOptions> = {},
  ) {
    this.opts = validate({ ...defaults, ...options });
  }

  /**
   * Runs one statement on a pooled connection.
   *
   * @example
   * const { rows } = await pool.query('SELECT count(*)::int AS n FROM visits', [], { idempotent: true });
   */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values: unknown[] = [],
    options: QueryOptions = {},
  ): Promise<pg.QueryResult<R>> {
    try {
      return await withConnectionRetry(
        options.idempotent === true,
        () => this.withClient((client) => client.query<R>(text, values)),
        () => {
          this.counters.retries += 1;
        },
      );
    } catch (err) {
      if (isConnectionError(err)) throw new DatabaseUnavailableError('the database connection failed', { cause: err });
      throw err;
    }
  }

  /**
   * Checks out a validated client for several statements, and returns it to the pool afterwards
   * (discarding it if it failed at the connection level).
   */
  async withClient<R>(work: (client: pg.PoolClient) => Promise<R>): Promise<R> {
    const { client, socketError } = await this.acquire();
    try {
      const result = await work(client);
      this.release(client, socketError());
      return result;
    } catch (err) {
      this.release(client, socketError() ?? (isConnectionError(err) ? (err as Error) : undefined));
      throw err;
    }
  }

  /** Pool gauges and counters. */
  stats(): PoolStats {
    const p = this.pool;
    return {
      totalCount: p?.totalCount ?? 0,
      idleCount: p?.idleCount ?? 0,
      waitingCount: p?.waitingCount ?? 0,
      ...this.counters,
    };
  }

  /** Closes every connection. The next query opens a new pool. */
  async end(): Promise<void> {
    const p = this.pool;
    this.pool = undefined;
    this.fingerprint = undefined;
    if (p) await p.end();
  }

  private release(client: pg.PoolClient, err: Error | undefined): void {
    const listener = this.checkoutListeners.get(client);
    if (listener) client.removeListener('error', listener);
    if (err) this.counters.discarded += 1;
    else this.releasedAt.set(client, this.opts.monotonicNow());
    // release(err) destroys the client instead of returning it to the pool.
    client.release(err);
  }

  /**
   * pg-pool drops its own error listener while a client is checked out; without ours a socket error
   * while we hold the client (even during validation) would be an unhandled 'error' event and crash
   * the process.
   */
  private async checkout(pool: pg.Pool): Promise<{ client: pg.PoolClient; socketError: () => Error | undefined }> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw new DatabaseUnavailableError('could not connect to the database', { cause: err });
    }
    let error: Error | undefined;
    const listener = (err: Error): void => {
      error = err;
    };
    client.on('error', listener);
    this.checkoutListeners.set(client, listener);
    return { client, socketError: () => error };
  }

  private async acquire(): Promise<{ client: pg.PoolClient; socketError: () => Error | undefined }> {
    const pool = await this.currentPool();
    const checkedOut = await this.checkout(pool);
    const released = this.releasedAt.get(checkedOut.client);
    if (released === undefined || this.opts.monotonicNow() - released <= this.opts.validateAfterIdleMs)
      return checkedOut;

    // Idle this long, the environment was probably frozen; the server or a NAT may have dropped the
    // connection meanwhile. One round trip now is cheaper than failing the caller's statement.
    this.counters.validations += 1;
    try {
      await checkedOut.client.query('SELECT 1');
      return checkedOut;
    } catch (err) {
      this.release(checkedOut.client, err as Error);
      return this.checkout(pool);
    }
  }

  private async currentPool(): Promise<pg.Pool> {
    const settings = await this.settings();
    const fingerprint = settingsFingerprint(settings);
    if (this.pool && this.fingerprint === fingerprint) return this.pool;
    if (this.pool) {
      // Settings changed (rotated password, moved host): new connections from now on.
      const old = this.pool;
      old.end().catch(() => {});
    }
    const pool = new pg.Pool({
      ...toClientConfig(settings, this.opts),
      max: this.opts.max,
      idleTimeoutMillis: this.opts.idleTimeoutMillis,
      allowExitOnIdle: this.opts.allowExitOnIdle,
    });
    // An idle client whose socket died (often noticed only on thaw) makes the pool emit 'error';
    // unlistened, that would crash the process. The pool has already removed the client.
    pool.on('error', (err) => {
      this.counters.idleErrors += 1;
      this.opts.onIdleError(err);
    });
    pool.on('connect', () => {
      this.counters.connectionsOpened += 1;
    });
    this.pool = pool;
    this.fingerprint = fingerprint;
    return pool;
  }
}

/**
 * Creates a {@link ReusePool}; `max` unless given comes from {@link poolMaxFromEnv}: `DB_POOL_MAX`, else derived from
 * the environment's concurrency under Managed Instances, else 1. Make one at module scope.
 *
 * @example
 * const pool = createReusePool(async () => requireDb((await appConfig.cache.get()).config));
 * export const handler = async () => (await pool.query('SELECT 1 AS ok')).rows[0];
 */
export function createReusePool(
  settings: () => Promise<DbSettings>,
  options: Partial<ReusePoolOptions> & { env?: NodeJS.ProcessEnv } = {},
): ReusePool {
  const { env = process.env, ...rest } = options;
  const max = rest.max ?? poolMaxFromEnv(env);
  return new ReusePool(settings, { ...rest, max });
}
