import type { ClientConfig } from 'pg';
import type { DbSettings } from '../config/app-config';
import { rdsCertificateAuthorities, sslFor } from './tls';

/** Lambda-fit client settings shared by the pool and the naive client. */
export interface ConnectionOptions {
  /** A Lambda invocation has a deadline; never wait longer than this for a socket and authentication. */
  connectionTimeoutMillis: number;
  /** TCP keep-alive, so NATs and proxies between us and the server keep the idle socket's mapping. */
  keepAlive: boolean;
  applicationName: string;
  /** The CAs `db/ssl=verify-full` trusts (PEM). The RDS and RDS Proxy roots; tests pass their own. */
  certificateAuthorities: readonly string[];
}

export const defaults: ConnectionOptions = {
  connectionTimeoutMillis: 5_000,
  keepAlive: true,
  applicationName: process.env.AWS_LAMBDA_FUNCTION_NAME || 'lambda-reuse-lab',
  certificateAuthorities: rdsCertificateAuthorities,
};

/**
 * pg client settings from validated DbSettings. `db/url` wins when present. TLS `verify-full` checks
 * the server's certificate against the RDS CA bundle and its host name; `require` matches libpq's
 * sslmode=require: encrypted, certificate not verified.
 *
 * @example
 * const client = new Client(toClientConfig(requireDb(config)));
 */
export function toClientConfig(db: DbSettings, options: Partial<ConnectionOptions> = {}): ClientConfig {
  const opts = { ...defaults, ...options };
  const ssl = db.ssl === undefined ? false : sslFor(db.ssl, opts.certificateAuthorities);
  const common: ClientConfig = {
    connectionTimeoutMillis: opts.connectionTimeoutMillis,
    keepAlive: opts.keepAlive,
    application_name: opts.applicationName,
  };
  if (db.connectionString) {
    // An explicit db/ssl overrides the URL's sslmode; without one the URL decides.
    return { ...common, connectionString: db.connectionString, ...(db.ssl === undefined ? {} : { ssl }) };
  }
  return { ...common, host: db.host, port: db.port, database: db.database, user: db.user, password: db.password, ssl };
}

/** A stable identity of the settings, to notice a rotated password or moved host. Never logged. */
export function settingsFingerprint(db: DbSettings): string {
  return JSON.stringify([db.connectionString, db.host, db.port, db.database, db.user, db.password, db.ssl]);
}
