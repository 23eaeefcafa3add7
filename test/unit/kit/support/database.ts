import pg from 'pg';
import { type DbSettings, parseAppConfig } from '../../../../functions/kit/config/app-config';
import { ParameterSet } from '../../../../functions/kit/config/parameters';

/** The test server from TEST_DATABASE_URL (set by test/support/global-setup.js). */
export function testServer(): { host: string; port: number; user: string; password: string; database: string } {
  const raw = process.env.TEST_DATABASE_URL;
  if (!raw) throw new Error('TEST_DATABASE_URL is not set; run through jest so global-setup starts PostgreSQL');
  const url = new URL(raw);
  return { host: url.hostname, port: Number(url.port), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), database: url.pathname.slice(1) };
}

/** DbSettings as the config cache would produce them, pointed at `port` (e.g. a proxy). */
export function dbSettings(port = testServer().port): DbSettings {
  const s = testServer();
  const config = parseAppConfig(
    new ParameterSet([
      { name: 'db/host', value: s.host, secure: false },
      { name: 'db/port', value: String(port), secure: false },
      { name: 'db/user', value: s.user, secure: false },
      { name: 'db/database', value: s.database, secure: false },
      { name: 'db/ssl', value: 'disable', secure: false },
      { name: 'db/password', value: s.password, secure: true },
    ]),
  );
  if (!config.db) throw new Error('no db settings');
  return config.db;
}

/** Runs `work` on a separate admin connection (to kill backends, create databases). */
export async function asAdmin<R>(work: (client: pg.Client) => Promise<R>): Promise<R> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Polls `check` every 20 ms until it is true or `timeoutMs` passes. */
export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
