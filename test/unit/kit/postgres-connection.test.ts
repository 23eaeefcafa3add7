import { parseAppConfig } from '../../../functions/kit/config/app-config';
import { ParameterSet } from '../../../functions/kit/config/parameters';
import { toClientConfig } from '../../../functions/kit/postgres/connection';

const settings = (entries: Record<string, string>, secure: string[] = []) => {
  const db = parseAppConfig(
    new ParameterSet(Object.entries(entries).map(([name, value]) => ({ name, value, secure: secure.includes(name) }))),
  ).db;
  if (!db) throw new Error('no db');
  return db;
};

describe('toClientConfig', () => {
  it('uses TLS without certificate verification for db/ssl=require (libpq sslmode=require)', () => {
    // Prepare / Act
    const config = toClientConfig(
      settings({ 'db/host': 'h', 'db/user': 'u', 'db/database': 'd', 'db/ssl': 'require', 'db/password': 'pw' }, [
        'db/password',
      ]),
    );
    // Assess
    expect(config).toMatchObject({
      host: 'h',
      port: 5432,
      user: 'u',
      database: 'd',
      password: 'pw',
      ssl: { rejectUnauthorized: false },
    });
  });

  it('uses plain TCP for db/ssl=disable, with a bounded connect timeout and keep-alive', () => {
    // Prepare / Act
    const config = toClientConfig(
      settings({ 'db/host': 'h', 'db/user': 'u', 'db/database': 'd', 'db/ssl': 'disable' }),
    );
    // Assess
    expect(config).toMatchObject({ ssl: false, connectionTimeoutMillis: 5_000, keepAlive: true });
  });

  it('lets db/url decide TLS unless db/ssl is given', () => {
    // Prepare / Act
    const plain = toClientConfig(settings({ 'db/url': 'postgres://u:p@h/d' }, ['db/url']));
    const forced = toClientConfig(settings({ 'db/url': 'postgres://u:p@h/d', 'db/ssl': 'require' }, ['db/url']));
    // Assess
    expect(plain.connectionString).toBe('postgres://u:p@h/d');
    expect(plain).not.toHaveProperty('ssl');
    expect(forced.ssl).toEqual({ rejectUnauthorized: false });
  });
});
