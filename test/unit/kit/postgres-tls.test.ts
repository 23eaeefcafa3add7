import { X509Certificate } from 'node:crypto';
import { parseAppConfig } from '../../../functions/kit/config/app-config';
import { ParameterSet } from '../../../functions/kit/config/parameters';
import { rdsCertificateAuthorities, toClientConfig, withFreshClient } from '../../../functions/kit/postgres';
import { waitFor } from '../../support/wait';
import { makeCertificates, startPgTlsServer } from './support/pg-tls-server';

const settings = (ssl: string, port: number, host = '127.0.0.1') => {
  const db = parseAppConfig(
    new ParameterSet([
      { name: 'db/host', value: host, secure: false },
      { name: 'db/port', value: String(port), secure: false },
      { name: 'db/user', value: 'u', secure: false },
      { name: 'db/database', value: 'd', secure: false },
      { name: 'db/ssl', value: ssl, secure: false },
      { name: 'db/password', value: 'pw', secure: true },
    ]),
  ).db;
  if (!db) throw new Error('no db');
  return db;
};

/** Connects once; the fake server hangs up after the handshake, so every attempt ends in an error. */
const connect = (db: ReturnType<typeof settings>, ca?: string[]) =>
  withFreshClient(db, async () => undefined, {
    connectionTimeoutMillis: 3_000,
    ...(ca ? { certificateAuthorities: ca } : {}),
  }).catch((err: { cause?: { code?: string; message?: string } }) => err.cause);

/** The server notices the outcome a moment after the client does. */
const outcome = async (server: { handshakes: string[] }) => {
  await waitFor(() => server.handshakes.length > 0, 3_000);
  return server.handshakes;
};

describe('TLS to PostgreSQL (db/ssl)', () => {
  const certs = makeCertificates('IP:127.0.0.1');
  let server: Awaited<ReturnType<typeof startPgTlsServer>>;
  beforeEach(async () => {
    server = await startPgTlsServer(certs);
  });
  afterEach(() => server.stop());

  it('verify-full passes pg the RDS CA bundle with rejectUnauthorized: true', () => {
    // Act
    const config = toClientConfig(settings('verify-full', 5432, 'db.example.rds.amazonaws.com'));
    // Assess
    expect(config.ssl).toEqual({ ca: [...rdsCertificateAuthorities], rejectUnauthorized: true });
    const names = rdsCertificateAuthorities.map((pem) => new X509Certificate(pem).subject);
    expect(names.some((n) => n.includes('Amazon RDS us-east-1 Root CA RSA2048 G1'))).toBe(true);
    // RDS Proxy presents ACM certificates, which chain to the Amazon roots.
    expect(names.some((n) => n.includes('Amazon Root CA 1'))).toBe(true);
  });

  it('verify-full completes the handshake with a server whose certificate the trusted CA signed', async () => {
    // Act
    await connect(settings('verify-full', server.port), [certs.caCert]);
    // Assess
    expect(await outcome(server)).toEqual(['secure']);
  });

  it('verify-full refuses a server certificate the RDS bundle did not sign', async () => {
    // Act
    const cause = await connect(settings('verify-full', server.port));
    // Assess
    expect(cause?.code).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER_CERT/);
    expect(await outcome(server)).toEqual(['failed']);
  });

  it('verify-full refuses a certificate for another host name, even from the trusted CA', async () => {
    // Prepare
    const other = makeCertificates('DNS:db.example.com');
    await server.stop();
    server = await startPgTlsServer(other);
    // Act
    const cause = await connect(settings('verify-full', server.port), [other.caCert]);
    // Assess
    expect(cause?.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(await outcome(server)).toEqual(['failed']);
  });

  it('require encrypts without verifying, as before: the handshake completes with an unknown CA', async () => {
    // Act
    await connect(settings('require', server.port));
    // Assess
    expect(await outcome(server)).toEqual(['secure']);
  });
});
