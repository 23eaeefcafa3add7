import { createServer } from 'node:net';

/**
 * A port free on `host` right now, for a server that cannot bind port 0 itself (PostgreSQL).
 *
 * @example
 * const port = await freePort('127.0.0.1');
 */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
