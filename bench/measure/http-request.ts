import { performance } from 'node:perf_hooks';
import { type Phase, type Sample, toSample } from '../schema';
import type { Route } from './http-event';
import { bodyFacts } from './invoke';

/**
 * Sends one request through the HTTP API and returns the latency a client sees. Node's fetch (undici)
 * keeps connections alive, so warm requests do not pay a TCP handshake each. Server-side figures are
 * null: the HTTP API does not hand the REPORT back. `coldStart` comes from the body when the function
 * says it (hello); otherwise it is false here and the burst decides from instance ids.
 *
 * @example
 * const s = await httpSample('http://127.0.0.1:3000', { method: 'GET', path: '/hello' }, 'burst', 10_000);
 */
export async function httpSample(
  baseUrl: string,
  route: Route,
  phase: Phase,
  timeoutMs: number,
): Promise<Sample & { readonly bodyColdStart: boolean | null }> {
  const startedAtMs = Date.now();
  const started = performance.now();
  let statusCode = 0;
  let body = '';
  try {
    const res = await fetch(`${baseUrl}${route.path}`, {
      method: route.method,
      signal: AbortSignal.timeout(timeoutMs),
    });
    statusCode = res.status;
    body = await res.text();
  } catch {
    // A refused or timed-out request stays a sample (status 0) so it is counted, not hidden.
    statusCode = 0;
  }
  const clientMs = performance.now() - started;
  const facts = bodyFacts(body);
  return {
    ...toSample({ phase, startedAtMs, clientMs, report: null, instanceId: facts.instanceId, statusCode }),
    coldStart: facts.coldStart ?? false,
    bodyColdStart: facts.coldStart,
  };
}
