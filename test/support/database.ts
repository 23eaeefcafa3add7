import pg from 'pg';

/** The test server's admin URL (a secret: it holds the password), set by global-setup.js. */
export function testDatabaseUrl(): string {
  const raw = process.env.TEST_DATABASE_URL;
  if (!raw) throw new Error('TEST_DATABASE_URL is not set; run through jest so global-setup starts PostgreSQL');
  return raw;
}

/** Runs `work` on a separate admin connection to the test server (to kill backends, create databases), in `database` if given. */
export async function asAdmin<R>(work: (client: pg.Client) => Promise<R>, database?: string): Promise<R> {
  const url = new URL(testDatabaseUrl());
  if (database) url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
