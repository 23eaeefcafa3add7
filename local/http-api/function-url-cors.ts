/**
 * CORS of a function URL as Lambda applies it ("Creating and managing Lambda function URLs", section
 * Cross-origin resource sharing, docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html, and
 * API_Cors): the URL layer answers the preflight OPTIONS itself without invoking the function, and
 * adds the CORS headers to every response, replacing CORS headers the function set.
 */

/** The resource's `cors` block (the stack reader's FunctionUrlCors). */
export interface CorsSettings {
  readonly allowCredentials: boolean;
  readonly allowHeaders: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowOrigins: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge: number;
}

const lower = (values: readonly string[]): string[] => values.map((v) => v.toLowerCase());

/** The value of Access-Control-Allow-Origin for `origin`, or undefined when it is not allowed. */
function allowedOrigin(cors: CorsSettings, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials ? origin : '*';
  return lower(cors.allowOrigins).includes(origin.toLowerCase()) ? origin : undefined;
}

/** Whether a request is a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method). */
export function isPreflight(method: string, headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  return method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;
}

/**
 * The preflight's answer headers (200, no body); without a matching origin and method, none.
 *
 * @example
 * preflightHeaders(cors, 'http://localhost:5173', 'POST', 'content-type');
 */
export function preflightHeaders(
  cors: CorsSettings,
  origin: string | undefined,
  method: string | undefined,
  requestHeaders: string | undefined,
): Record<string, string> {
  const allowOrigin = allowedOrigin(cors, origin);
  if (allowOrigin === undefined || method === undefined) return {};
  const methods = cors.allowMethods.map((m) => m.toUpperCase());
  if (!methods.includes('*') && !methods.includes(method.toUpperCase())) return {};
  const out: Record<string, string> = {
    'access-control-allow-origin': allowOrigin,
    'access-control-allow-methods': methods.includes('*') ? method.toUpperCase() : methods.join(','),
  };
  if (requestHeaders !== undefined && cors.allowHeaders.length > 0) {
    out['access-control-allow-headers'] = cors.allowHeaders.includes('*')
      ? requestHeaders
      : cors.allowHeaders.join(',');
  }
  if (cors.allowCredentials) out['access-control-allow-credentials'] = 'true';
  if (cors.maxAge > 0) out['access-control-max-age'] = String(cors.maxAge);
  if (allowOrigin !== '*') out.vary = 'Origin';
  return out;
}

/** The CORS headers an ordinary response of the URL carries for `origin`. */
export function responseCorsHeaders(cors: CorsSettings, origin: string | undefined): Record<string, string> {
  const allowOrigin = allowedOrigin(cors, origin);
  if (allowOrigin === undefined) return {};
  const out: Record<string, string> = { 'access-control-allow-origin': allowOrigin };
  if (cors.exposeHeaders.length > 0) out['access-control-expose-headers'] = cors.exposeHeaders.join(',');
  if (cors.allowCredentials) out['access-control-allow-credentials'] = 'true';
  if (allowOrigin !== '*') out.vary = 'Origin';
  return out;
}

/** Drops the CORS headers a function set itself: the URL's own replace them. */
export function withoutCorsHeaders(headers: [string, string][]): [string, string][] {
  return headers.filter(([name]) => !name.startsWith('access-control-'));
}
