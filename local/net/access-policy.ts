/**
 * Who may talk to a local listener. A listener on 127.0.0.1 is still reachable from every web page
 * the developer opens: a page whose DNS name rebinds to 127.0.0.1 becomes same-origin (its requests
 * carry `Host: evil.example`), and any page can send "simple" cross-site requests. So each listener
 * accepts only the Host names that mean this machine, on its own port, plus names the user adds with
 * `--allow-host`, and the APIs accept browser requests only from their own origin. This is what
 * Vite (`server.allowedHosts`), webpack-dev-server (`allowedHosts`) and Next.js (`allowedDevOrigins`)
 * shipped for the same two attack classes.
 */

/** The names that always mean this machine. */
export const LOOPBACK_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** The flag that adds names, quoted in every refusal so the user knows what to pass. */
export const ALLOW_HOST_FLAG = '--allow-host';

export interface AccessPolicy {
  /** The listener's own port: a Host or Origin naming another port is another service. */
  readonly port: number;
  /** Names added by the user (`--allow-host`), matched case-insensitively, with or without a port. */
  readonly allowHosts: readonly string[];
}

/** A Host header split into its name (lower-case, IPv6 in brackets) and port, or undefined when malformed. */
export function parseHostHeader(host: string): { name: string; port: number | undefined } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!match) return undefined;
  const name = (match[1] as string).toLowerCase();
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && port > 65535) return undefined;
  return { name, port };
}

/**
 * Whether a request's Host header names this listener. A loopback name must carry the listener's port
 * (or none when it listens on 80); a name the user added is trusted with any port, since it is usually a
 * tunnel or reverse proxy that rewrites the port.
 *
 * @example
 * isAllowedHost('localhost:3002', { port: 3002, allowHosts: [] }); // true
 * isAllowedHost('evil.example:3002', { port: 3002, allowHosts: [] }); // false
 */
export function isAllowedHost(host: string | undefined, policy: AccessPolicy): boolean {
  if (host === undefined) return false;
  const parsed = parseHostHeader(host);
  if (!parsed) return false;
  if (policy.allowHosts.some((name) => name.toLowerCase() === parsed.name)) return true;
  if (!LOOPBACK_NAMES.includes(parsed.name)) return false;
  return (parsed.port ?? 80) === policy.port;
}

/**
 * Whether a request's Origin is this listener's own. No Origin means no browser made the request
 * cross-origin (the SDKs, curl, a same-origin GET), so it passes; `null` (a sandboxed frame, a file://
 * page) and any other origin are refused.
 */
export function isAllowedOrigin(origin: string | undefined, policy: AccessPolicy): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const name = url.hostname.toLowerCase();
  if (policy.allowHosts.some((allowed) => allowed.toLowerCase() === name)) return true;
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return LOOPBACK_NAMES.includes(name) && port === policy.port;
}

/**
 * The content types a browser may send cross-site without a preflight (the Fetch standard's
 * CORS-safelisted request-header values for Content-Type). An API that never accepts them cannot be
 * driven by a "simple" request, even if an Origin check were bypassed.
 */
export function isSimpleContentType(contentType: string | undefined): boolean {
  const essence = mediaType(contentType);
  return (
    essence === 'text/plain' || essence === 'application/x-www-form-urlencoded' || essence === 'multipart/form-data'
  );
}

/** The media type of a Content-Type header, without parameters, lower-case ('' when absent). */
export function mediaType(contentType: string | undefined): string {
  return contentType === undefined ? '' : (contentType.split(';')[0] as string).trim().toLowerCase();
}
