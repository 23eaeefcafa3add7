import { createServer } from 'node:net';
import { LocalLambdaError } from './errors';

/** How many ports above the first one are tried before giving up. */
const SPAN = 200;

/**
 * Inspector ports for environments started with `--inspect`: the lowest free one from `first`
 * (9229, Node's own default, so a debugger's default attach finds the first environment), one per
 * environment, given back when the environment ends. "Free" means neither handed out here nor
 * bound by another process on 127.0.0.1 (checked by binding it a moment).
 *
 * @example
 * const ports = new InspectorPorts(9229);
 * const port = await ports.take(); // 9229
 * ports.release(port);
 */
export class InspectorPorts {
  private readonly taken = new Set<number>();

  constructor(private readonly first: number) {}

  async take(): Promise<number> {
    for (let port = this.first; port < this.first + SPAN && port <= 65535; port += 1) {
      if (this.taken.has(port)) continue;
      // Reserved before the probe: two environments starting at once never get the same port.
      this.taken.add(port);
      if (await bindable(port)) return port;
      this.taken.delete(port);
    }
    throw new LocalLambdaError(
      'EINSPECTPORT',
      `no free inspector port on 127.0.0.1 from ${this.first} to ${this.first + SPAN - 1}`,
    );
  }

  release(port: number): void {
    this.taken.delete(port);
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
