import { type AddressInfo, createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A real TCP proxy in front of PostgreSQL that can make every connection open so far "die while
 * frozen": the client still believes the socket is open, and its next write is answered with a
 * TCP reset, which is what a thawed Lambda sees when the server dropped the connection meanwhile.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly live = new Set<{ client: Socket; upstream: Socket; poisoned: boolean }>();

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
      const pair = { client, upstream, poisoned: false };
      this.live.add(pair);
      const drop = () => {
        this.live.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('data', (chunk) => {
        if (pair.poisoned) {
          this.live.delete(pair);
          upstream.destroy();
          client.resetAndDestroy();
          return;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk) => {
        if (!pair.poisoned) client.write(chunk);
      });
      client.on('error', drop);
      upstream.on('error', drop);
      client.on('close', drop);
      upstream.on('close', () => {
        if (!pair.poisoned) drop();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  /** Every connection open now silently dies: upstream closed, the client told nothing until it writes. */
  killSilently(): number {
    let n = 0;
    for (const pair of this.live) {
      pair.poisoned = true;
      pair.upstream.destroy();
      n += 1;
    }
    return n;
  }

  async stop(): Promise<void> {
    for (const pair of this.live) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    this.live.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
