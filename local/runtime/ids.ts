import { randomBytes } from 'node:crypto';

// Entropy is drawn in blocks: one randomBytes call per 200 trace ids instead of two per invoke.
let pool = randomBytes(4000);
let offset = pool.length;

function hex(bytes: number): string {
  if (offset + bytes > pool.length) {
    pool = randomBytes(4000);
    offset = 0;
  }
  const out = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return out;
}

/**
 * An X-Ray trace header as Lambda passes it in Lambda-Runtime-Trace-Id (and `_X_AMZN_TRACE_ID`).
 *
 * @example
 * traceHeader(); // 'Root=1-6b09d335-ddbb61d7a7448b376cd927a0;Parent=f7677ced6fae072f;Sampled=0'
 */
export function traceHeader(): string {
  const epoch = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `Root=1-${epoch}-${hex(12)};Parent=${hex(8)};Sampled=0`;
}

/** The 32-hex id of an execution environment (the tail of its log stream name). */
export function environmentId(): string {
  return hex(16);
}
