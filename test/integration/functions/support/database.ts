import { randomBytes } from 'node:crypto';
import { asAdmin, testDatabaseUrl } from '../../../support/database';

/** A database of this test file's own; returns its connection URL (a secret: it holds the password). */
export async function createTestDatabase(prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await asAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Drops it, closing connections the loaded environments still hold (their pools absorb the error). */
export async function dropTestDatabase(name: string): Promise<void> {
  await asAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
