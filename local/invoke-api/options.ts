import type { ListenerLimits } from '../net';
import { InvalidOptionError } from '../runtime';
import type { LocalRoute } from './types';

/** Where the Invoke API listens unless told otherwise: Lambda's usual local port. */
export const defaults = {
  host: '127.0.0.1',
  port: 3002,
} as const;

export interface InvokeApiOptions {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Routes under /_local/ served from the start (more can be added with `addRoute`). */
  readonly routes?: readonly LocalRoute[];
  /** Host names accepted besides 127.0.0.1, localhost and [::1] (`--allow-host`). */
  readonly allowHosts?: readonly string[];
  /** Header, body and connection bounds; see local/net `listenerDefaults`. */
  readonly limits?: Partial<ListenerLimits>;
}

export type ResolvedInvokeApiOptions = Required<InvokeApiOptions>;

/** The one place the Invoke API's options are checked; fails naming option, value and what is allowed. */
export function resolveInvokeApiOptions(options: InvokeApiOptions): ResolvedInvokeApiOptions {
  const host = options.host ?? defaults.host;
  const port = options.port ?? defaults.port;
  if (typeof host !== 'string' || host.length === 0) throw new InvalidOptionError('host', host, 'a host name or IP');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidOptionError('port', port, 'an integer from 0 to 65535');
  }
  const allowHosts = options.allowHosts ?? [];
  if (!Array.isArray(allowHosts) || allowHosts.some((h) => typeof h !== 'string' || h === '')) {
    throw new InvalidOptionError('allowHosts', allowHosts, 'an array of host names');
  }
  return { host, port, routes: options.routes ?? [], allowHosts, limits: options.limits ?? {} };
}
