/**
 * The pieces of AWS's JSON 1.1 protocol the local SSM and Secrets Manager endpoints share: `POST /`
 * with `X-Amz-Target: <prefix><Operation>` and a JSON object body, answered as JSON with a request id.
 * Each endpoint keeps its own order of checks and its own error answers; this holds only what is
 * the same in both.
 */

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The content type the AWS SDK sends and expects for JSON 1.1 services. */
export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The operation `X-Amz-Target` names under `prefix` (`AmazonSSM.GetParameter` gives `GetParameter`), or undefined. */
export function targetOperation(req: IncomingMessage, prefix: string): string | undefined {
  const target = req.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(prefix) ? target.slice(prefix.length) : undefined;
}

/**
 * The handler `table` holds for `operation`, its own entries only: a target such as
 * `AmazonSSM.toString` names no operation, not a method every object inherits.
 */
export function operationIn<T>(table: Readonly<Record<string, T>>, operation: string | undefined): T | undefined {
  return operation !== undefined && Object.hasOwn(table, operation) ? table[operation] : undefined;
}

/**
 * The request body as a JSON object; an empty body is `{}`. Throws the parser's SyntaxError for text
 * that is not JSON, and returns undefined for JSON that is not an object, so each endpoint words its own answer.
 */
export function jsonObjectOf(raw: Buffer): Record<string, unknown> | undefined {
  const parsed: unknown = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

/** Sends `body` as a JSON 1.1 answer with `x-amzn-requestid` (the SDK reports it as the request id). */
export function sendAwsJson(res: ServerResponse, status: number, body: unknown, requestId = randomUUID()): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': AWS_JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}
