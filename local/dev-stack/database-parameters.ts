import type { DeclaredParameter } from '../ssm';
import type { LocalDatabase } from './database';

/** What the local SSM holds instead of the stack's db/* parameters. */
export interface DatabaseParameters {
  /** Declared parameters, less those replaced locally. */
  readonly declared: DeclaredParameter[];
  /** Values that win over the stack's; some hold secrets, so never print them (names only). */
  readonly overrides: Array<{ name: string; type: 'String' | 'SecureString'; value: string }>;
}

const suffix = (name: string): string | undefined => /\/(db\/[a-z-]+)$/.exec(name)?.[1];

/**
 * Points the stack's connection parameters at the local PostgreSQL, for either database mode:
 * - external mode declares `db/url` (SecureString): it gets the local connection string;
 * - managed mode declares db/host, db/port, db/database, db/user, db/ssl and db/password-secret-id:
 *   the first five get the local values; the secret id stays (it resolves to the local secret's ARN),
 *   and the password is not a parameter at all: the functions read it from the local Secrets Manager
 *   (see database-secret.ts), as they read it from Secrets Manager on AWS.
 *
 * @example
 * const { declared, overrides } = databaseParameters(stackParameters, db);
 * await seedParameters({ declared, overrides, secretsFile });
 */
export function databaseParameters(declared: readonly DeclaredParameter[], db: LocalDatabase): DatabaseParameters {
  const byKey = new Map(declared.map((d) => [suffix(d.name), d]));
  const url = byKey.get('db/url');
  const overrides: DatabaseParameters['overrides'] = [];
  if (url) {
    overrides.push({ name: url.name, type: 'SecureString', value: db.url });
    return { declared: [...declared], overrides };
  }
  const host = byKey.get('db/host');
  if (!host) return { declared: [...declared], overrides };
  const prefix = host.name.slice(0, -'db/host'.length);
  const values: Record<string, string> = {
    'db/host': db.host,
    'db/port': String(db.port),
    'db/database': db.database,
    'db/user': db.user,
    'db/ssl': db.ssl,
  };
  for (const [key, value] of Object.entries(values)) overrides.push({ name: `${prefix}${key}`, type: 'String', value });
  return { declared: [...declared], overrides };
}

/** The database the stack names in `db/database`, if it declares one as a literal. */
export function declaredDatabaseName(declared: readonly DeclaredParameter[]): string | undefined {
  return declared.find((d) => suffix(d.name) === 'db/database')?.value;
}
