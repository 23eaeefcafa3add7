import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs `work` on a separate admin connection to the test server. */
export async function asAdmin<R>(work: (client: pg.Client) => Promise<R>, database?: string): Promise<R> {
  const url = new URL(requiredUrl());
  if (database) url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function requiredUrl(): string {
  const raw = process.env.TEST_DATABASE_URL;
  if (!raw) throw new Error('TEST_DATABASE_URL is not set; run through jest so global-setup starts PostgreSQL');
  return raw;
}

/** A database of this test file's own; returns its connection URL (a secret: it holds the password). */
export async function createTestDatabase(prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await asAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(requiredUrl());
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Drops it, closing connections the loaded environments still hold (their pools absorb the error). */
export async function dropTestDatabase(name: string): Promise<void> {
  await asAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export function testPassword(): string {
  return decodeURIComponent(new URL(requiredUrl()).password);
}
