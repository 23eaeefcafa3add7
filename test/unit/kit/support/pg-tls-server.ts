import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';

/** A test CA and a server certificate it signed, made with the real openssl. */
export interface TestCertificates {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
}

/**
 * Makes a CA and a server certificate for `subjectAltName` (e.g. `IP:127.0.0.1`), signed by that CA.
 */
export function makeCertificates(subjectAltName: string): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'lrl-tls-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  try {
    run(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=lrl test CA',
    );
    writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=${subjectAltName}\n`);
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=db');
    run(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
    );
    return {
      caCert: readFileSync(join(dir, 'ca.pem'), 'utf8'),
      serverCert: readFileSync(join(dir, 'server.pem'), 'utf8'),
      serverKey: readFileSync(join(dir, 'server.key'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A TCP server that speaks the start of PostgreSQL's TLS negotiation: it answers the SSLRequest with
 * `S`, then does a real TLS handshake, records whether it completed (`secure`) or the client gave up (`failed`), and hangs up (no authentication
 * follows: the handshake is what these tests look at).
 */
export async function startPgTlsServer(certs: TestCertificates) {
  const handshakes: Array<'secure' | 'failed'> = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('data', () => {
      // The 8-byte SSLRequest; any client here sends it first.
      socket.write('S');
      const tls = new TLSSocket(socket, { isServer: true, cert: certs.serverCert, key: certs.serverKey });
      let secure = false;
      tls.once('secure', () => {
        secure = true;
        handshakes.push('secure');
        tls.destroy();
      });
      // A client that rejects the certificate sends an alert or just hangs up; either way no 'secure'.
      tls.once('close', () => {
        if (!secure) handshakes.push('failed');
      });
      tls.on('error', () => {});
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    handshakes,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
