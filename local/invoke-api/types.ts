import type * as http from 'node:http';

/** A route another module adds under /_local/ (e.g. the live view). */
export interface LocalRoute {
  readonly method: string;
  /** Exact path, e.g. `/_local/` or `/_local/events`; a path ending in `*` matches a prefix. */
  readonly path: string;
  handle(req: http.IncomingMessage, res: http.ServerResponse): void;
}

/** A running Invoke API listener. */
export interface InvokeApiServer {
  /** e.g. http://127.0.0.1:3002 */
  readonly url: string;
  addRoute(route: LocalRoute): void;
  close(): Promise<void>;
}
