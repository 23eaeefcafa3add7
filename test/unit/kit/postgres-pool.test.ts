import { DatabaseUnavailableError, InvalidOptionError } from '../../../functions/kit/errors';
import { createReusePool, ReusePool } from '../../../functions/kit/postgres/pool';
import { asAdmin } from '../../support/database';
import { waitFor } from '../../support/wait';
import { dbSettings, testServer } from './support/database';
import { TcpProxy } from './support/tcp-proxy';

const pid = async (pool: ReusePool, idempotent = true): Promise<number> =>
  (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid', [], { idempotent })).rows[0]?.pid ?? -1;

describe('ReusePool (real PostgreSQL)', () => {
  const pools: ReusePool[] = [];
  const proxies: TcpProxy[] = [];
  const track = (pool: ReusePool) => {
    pools.push(pool);
    return pool;
  };

  async function proxied(options: ConstructorParameters<typeof ReusePool>[1] = {}) {
    const proxy = new TcpProxy(testServer().host, testServer().port);
    proxies.push(proxy);
    const port = await proxy.start();
    const pool = track(new ReusePool(async () => dbSettings(port), options));
    return { proxy, pool };
  }

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end().catch(() => {})));
    await Promise.all(proxies.splice(0).map((p) => p.stop()));
  });

  it('keeps one connection across statements: same backend pid, one connection opened', async () => {
    // Prepare
    const pool = track(new ReusePool(async () => dbSettings()));
    // Act
    const first = await pid(pool);
    const second = await pid(pool);
    // Assess
    expect(second).toBe(first);
    expect(pool.stats()).toMatchObject({ totalCount: 1, idleCount: 1, waitingCount: 0, connectionsOpened: 1 });
  });

  it('absorbs the pool error event of an idle client killed server-side, and reconnects', async () => {
    // Prepare
    const idleErrors: Error[] = [];
    const pool = track(new ReusePool(async () => dbSettings(), { onIdleError: (e) => idleErrors.push(e) }));
    const before = await pid(pool);
    // Act
    await asAdmin((admin) => admin.query('SELECT pg_terminate_backend($1)', [before]));
    await waitFor(() => pool.stats().idleErrors === 1);
    const after = await pid(pool);
    // Assess: the process is still here and the next statement used a new connection.
    expect(idleErrors).toHaveLength(1);
    expect(after).not.toBe(before);
    expect(pool.stats()).toMatchObject({ totalCount: 1, connectionsOpened: 2 });
  });

  it('retries an idempotent statement once when its connection died unnoticed (frozen environment)', async () => {
    // Prepare
    const { proxy, pool } = await proxied();
    const before = await pid(pool);
    // Act
    expect(proxy.killSilently()).toBe(1);
    const after = await pid(pool, true);
    // Assess
    expect(after).not.toBe(before);
    expect(pool.stats()).toMatchObject({ retries: 1, discarded: 1 });
  });

  it('does not retry a non-idempotent statement, answering EDBUNAVAILABLE, and recovers on the next one', async () => {
    // Prepare
    const { proxy, pool } = await proxied();
    await pid(pool);
    proxy.killSilently();
    // Act
    const failed = pid(pool, false);
    // Assess
    await expect(failed).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(failed).rejects.toMatchObject({ code: 'EDBUNAVAILABLE' });
    expect(pool.stats().retries).toBe(0);
    await expect(pid(pool, false)).resolves.toBeGreaterThan(0);
  });

  it('validates a client idle past the threshold (monotonic clock) and replaces it if dead, before the statement runs', async () => {
    // Prepare
    let mono = 0;
    const { proxy, pool } = await proxied({ validateAfterIdleMs: 1_000, monotonicNow: () => mono });
    const before = await pid(pool);
    proxy.killSilently();
    // Act: a thaw after a long freeze; the statement is not idempotent, so only validation can save it.
    mono = 5_000;
    const after = await pid(pool, false);
    // Assess
    expect(after).not.toBe(before);
    expect(pool.stats()).toMatchObject({ validations: 1, discarded: 1, retries: 0 });
  });

  it('does not validate a client used recently', async () => {
    // Prepare
    let mono = 0;
    const pool = track(
      new ReusePool(async () => dbSettings(), { validateAfterIdleMs: 1_000, monotonicNow: () => mono }),
    );
    await pid(pool);
    // Act
    mono = 999;
    await pid(pool);
    // Assess
    expect(pool.stats().validations).toBe(0);
  });

  it('survives its checked-out client failing between statements, discarding that client', async () => {
    // Prepare
    const pool = track(new ReusePool(async () => dbSettings()));
    // Act
    await pool.withClient(async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await asAdmin((admin) => admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]));
      await waitFor(() => (client as unknown as { _ending?: boolean; _queryable?: boolean })._queryable === false);
    });
    // Assess
    expect(pool.stats()).toMatchObject({ discarded: 1, totalCount: 0 });
    await expect(pid(pool)).resolves.toBeGreaterThan(0);
  });

  it('opens a new pool when the settings change (rotated password, moved host)', async () => {
    // Prepare
    let port = testServer().port;
    const proxy = new TcpProxy(testServer().host, testServer().port);
    proxies.push(proxy);
    const proxyPort = await proxy.start();
    const pool = track(new ReusePool(async () => dbSettings(port)));
    const before = await pid(pool);
    // Act
    port = proxyPort;
    const after = await pid(pool);
    // Assess
    expect(after).not.toBe(before);
    expect(pool.stats().connectionsOpened).toBe(2);
  });

  it('takes max from DB_POOL_MAX and rejects a bad value naming it', async () => {
    // Prepare
    const pool = track(createReusePool(async () => dbSettings(), { env: { DB_POOL_MAX: '3' } }));
    // Act: one more statement than max, all at once; each holds its connection for a moment.
    await Promise.all(Array.from({ length: 4 }, () => pool.query('SELECT pg_sleep(0.1)')));
    // Assess
    expect(pool.stats()).toMatchObject({ totalCount: 3, connectionsOpened: 3 });
    expect(() => createReusePool(async () => dbSettings(), { env: { DB_POOL_MAX: '0' } })).toThrow(InvalidOptionError);
    expect(() => createReusePool(async () => dbSettings(), { env: { DB_POOL_MAX: '0' } })).toThrow(/DB_POOL_MAX.*"0"/);
    expect(() => new ReusePool(async () => dbSettings(), { connectionTimeoutMillis: 0 })).toThrow(
      /connectionTimeoutMillis/,
    );
  });

  it('answers EDBUNAVAILABLE within the connection timeout when the server does not answer', async () => {
    // Prepare: a listener that accepts and never speaks.
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const pool = track(new ReusePool(async () => dbSettings(port), { connectionTimeoutMillis: 300 }));
    try {
      // Act / Assess
      await expect(pid(pool)).rejects.toMatchObject({ code: 'EDBUNAVAILABLE' });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
