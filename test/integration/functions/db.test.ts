import { execFileSync } from 'node:child_process';
import { asAdmin } from '../../support/database';
import { waitFor } from '../../support/wait';
import { createTestDatabase, dropTestDatabase } from './support/database';
import {
  body,
  CONFIG_PATH,
  captureStdout,
  httpEvent,
  lambdaContext,
  loadFunction,
  type MockParameter,
} from './support/environment';

let database: { name: string; url: string };
let parameters: MockParameter[];

beforeAll(async () => {
  process.env.CONFIG_PATH = CONFIG_PATH;
  database = await createTestDatabase('lrl_fn_db');
  // The connection string holds the password: a SecureString, as the contract says.
  parameters = [
    { name: 'app/message', value: 'db test' },
    { name: 'db/url', value: database.url, type: 'SecureString' },
  ];
});

afterAll(async () => {
  await dropTestDatabase(database.name);
});

/** Blocks the event loop, as a frozen Lambda environment runs nothing. */
function freezeFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const invoke = async (env: ReturnType<typeof loadFunction>, path = '/db') =>
  env.handler(httpEvent('POST', path), lambdaContext());

describe('db function (reuse)', () => {
  it('records a visit per invocation and reports count, backend pid, pool stats and query time', async () => {
    // Prepare
    const env = loadFunction('functions/db/handler', parameters);
    // Act
    const first = await invoke(env);
    const second = await invoke(env);
    // Assess
    expect(first.statusCode).toBe(200);
    const a = body(first);
    const b = body(second);
    expect(a).toMatchObject({
      mode: 'reuse',
      backendPid: expect.any(Number),
      queryMs: expect.any(Number),
      instanceId: expect.any(String),
    });
    expect(b.visits).toBe((a.visits as number) + 1);
    expect(b.pool).toMatchObject({ totalCount: 1, idleCount: 1, waitingCount: 0 });
    const rows = await asAdmin(
      (c) => c.query('SELECT count(*)::int AS n FROM visits WHERE instance_id = $1', [a.instanceId]),
      database.name,
    );
    expect(rows.rows[0]?.n).toBe(2);
  });

  it('keeps the same backend pid over warm invocations of one environment, and another environment gets its own', async () => {
    // Prepare
    const one = loadFunction('functions/db/handler', parameters);
    const two = loadFunction('functions/db/handler', parameters);
    // Act
    const pids = [];
    for (let i = 0; i < 4; i += 1) pids.push(body(await invoke(one)).backendPid);
    const otherPid = body(await invoke(two)).backendPid;
    // Assess
    expect(new Set(pids).size).toBe(1);
    expect(otherPid).not.toBe(pids[0]);
  });

  it('does not surface a connection killed server-side between invocations as an error', async () => {
    // Prepare
    const env = loadFunction('functions/db/handler', parameters);
    const before = body(await invoke(env));
    // Act: the server ends the connection while the environment is "frozen". The kill runs in another
    // process while this event loop is blocked, so the pool cannot see the connection die before the
    // next invocation arrives, first thing on thaw.
    const kill = `const { Client } = require('pg');
      const c = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      c.connect().then(() => c.query('SELECT pg_terminate_backend($1)', [Number(process.argv[1])])).then(() => c.end());`;
    execFileSync(process.execPath, ['-e', kill, String(before.backendPid)], { cwd: process.cwd(), env: process.env });
    freezeFor(300);
    const after = await invoke(env);
    // Assess
    expect(after.statusCode).toBe(200);
    const stats = body(after).pool as { retries: number; validations: number; discarded: number; idleErrors: number };
    expect(body(after).backendPid).not.toBe(before.backendPid);
    // The thaw check or the one retry absorbed it, not the idle-error listener between invocations.
    expect(stats.retries + stats.validations + stats.discarded).toBeGreaterThanOrEqual(1);
    expect(stats.idleErrors).toBe(0);
  });

  it('keeps running after the pool error event of an idle connection, logging it', async () => {
    // Prepare
    const env = loadFunction('functions/db/handler', parameters);
    const before = body(await invoke(env));
    // Act: kill the idle connection and give the pool time to notice while no invocation runs.
    const { lines } = await captureStdout(async () => {
      await asAdmin((c) => c.query('SELECT pg_terminate_backend($1)', [before.backendPid]));
      await new Promise((r) => setTimeout(r, 300));
    });
    const after = await invoke(env);
    // Assess
    expect(lines.some((l) => l.includes('idle database connection failed'))).toBe(true);
    expect(after.statusCode).toBe(200);
    expect(body(after).pool).toMatchObject({ idleErrors: 1 });
  });

  it('never returns or logs the connection string, also when its connection fails between invocations', async () => {
    // Prepare
    const env = loadFunction('functions/db/handler', parameters);
    // Act: a good invocation, then the server ends its idle connection, which the function logs.
    const { result, lines } = await captureStdout(async (seen) => {
      const served = await invoke(env);
      await asAdmin((c) => c.query('SELECT pg_terminate_backend($1)', [body(served).backendPid]));
      await waitFor(() => seen.some((l) => l.includes('idle database connection failed')));
      return served;
    });
    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.body).not.toContain(database.url);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(database.url);
  });

  it('answers 500 CONFIG_INVALID naming db/host when no database is configured', async () => {
    // Prepare
    const env = loadFunction('functions/db/handler', [{ name: 'app/message', value: 'x' }]);
    // Act
    const result = await invoke(env);
    // Assess
    expect(result.statusCode).toBe(500);
    expect(body(result)).toMatchObject({ code: 'ECONFIGINVALID', parameter: 'db/host' });
  });

  it('answers 503 EDBUNAVAILABLE when the database cannot be reached, without leaking the URL', async () => {
    // Prepare: a port nothing listens on.
    const url = new URL(database.url);
    url.port = '1';
    const env = loadFunction('functions/db/handler', [{ name: 'db/url', value: url.toString(), type: 'SecureString' }]);
    // Act
    const { result, lines } = await captureStdout(() => invoke(env));
    // Assess
    expect(result.statusCode).toBe(503);
    expect(body(result)).toMatchObject({ code: 'EDBUNAVAILABLE' });
    expect(result.body).not.toContain(url.toString());
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(url.toString());
  });
});

describe('db function (naive twin)', () => {
  it('opens a new connection on every call: a new backend pid each time, same shape plus mode naive', async () => {
    // Prepare
    const reuse = loadFunction('functions/db/handler', parameters);
    const naive = loadFunction('functions/db/naive', parameters);
    const reuseBody = body(await invoke(reuse));
    // Act
    const a = body(await invoke(naive, '/db/naive'));
    const b = body(await invoke(naive, '/db/naive'));
    // Assess
    expect(a.mode).toBe('naive');
    expect(b.backendPid).not.toBe(a.backendPid);
    expect(b.visits).toBe((a.visits as number) + 1);
    expect(Object.keys(b).sort()).toEqual(Object.keys(reuseBody).sort());
    expect(naive.ssmCalls()).toBe(2);
  });

  it('creates the visits table once per environment, as the reuse function does, not on every call', async () => {
    // Prepare: a database of its own, whose event trigger counts the CREATE TABLE statements run in it
    // (IF NOT EXISTS on an existing table included).
    const own = await createTestDatabase('lrl_fn_db_ddl');
    try {
      await asAdmin(
        (c) =>
          c.query(`CREATE TABLE ddl_log (tag text NOT NULL);
            CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO ddl_log VALUES (tg_tag); END $$;
            CREATE EVENT TRIGGER count_ddl ON ddl_command_start EXECUTE FUNCTION log_ddl();`),
        own.name,
      );
      const ownParameters: MockParameter[] = [{ name: 'db/url', value: own.url, type: 'SecureString' }];
      const naive = loadFunction('functions/db/naive', ownParameters);
      const reuse = loadFunction('functions/db/handler', ownParameters);
      // Act
      const statuses = [];
      for (let i = 0; i < 3; i += 1) {
        statuses.push((await invoke(naive, '/db/naive')).statusCode, (await invoke(reuse)).statusCode);
      }
      // Assess
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      const { rows } = await asAdmin(
        (c) => c.query("SELECT count(*)::int AS n FROM ddl_log WHERE tag = 'CREATE TABLE'"),
        own.name,
      );
      expect(rows[0]?.n).toBe(2);
    } finally {
      await dropTestDatabase(own.name);
    }
  });
});
