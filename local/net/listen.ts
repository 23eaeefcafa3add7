import type { AddressInfo, Server } from 'node:net';

/** Where a server listens once {@link listen} resolves. */
export interface ListeningAddress {
  readonly host: string;
  readonly port: number;
  /** `http://host:port`, with brackets around an IPv6 host. */
  readonly url: string;
}

/**
 * Starts listening and resolves with the actual port (port 0 picks a free one). A listen error such as
 * EADDRINUSE rejects instead of being thrown as an unhandled 'error' event.
 *
 * @example
 * const { url } = await listen(http.createServer(handler), 0, '127.0.0.1');
 */
export async function listen(server: Server, port: number, host: string): Promise<ListeningAddress> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { host: address.address, port: address.port, url: `http://${hostInUrl}:${address.port}` };
}
