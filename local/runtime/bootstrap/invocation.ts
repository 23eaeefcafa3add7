import type { ApiResponse } from './connection';
import { RuntimeApiStatusError } from './errors';

/** One event, as GET /runtime/invocation/next hands it over. */
export interface Invocation {
  readonly requestId: string;
  /** Epoch milliseconds by which the handler must have answered. */
  readonly deadlineMs: number;
  readonly invokedFunctionArn: string;
  readonly traceId: string | undefined;
  /** The raw header: JSON, or base64 of JSON. */
  readonly clientContext: string | undefined;
  /** The raw header: JSON, or base64 of JSON. */
  readonly cognitoIdentity: string | undefined;
  readonly event: unknown;
}

/**
 * Reads the invocation out of the answer to GET /next; an empty body is the event `{}`.
 *
 * @throws {RuntimeApiStatusError} when the answer is not 200
 * @example
 * const inv = toInvocation(await next);
 */
export function toInvocation(res: ApiResponse): Invocation {
  if (res.status !== 200) throw new RuntimeApiStatusError(res.status, res.body);
  const h = res.headers;
  return {
    requestId: h['lambda-runtime-aws-request-id'] ?? '',
    deadlineMs: Number(h['lambda-runtime-deadline-ms'] ?? Date.now() + 3000),
    invokedFunctionArn: h['lambda-runtime-invoked-function-arn'] ?? '',
    traceId: h['lambda-runtime-trace-id'],
    clientContext: h['lambda-runtime-client-context'],
    cognitoIdentity: h['lambda-runtime-cognito-identity'],
    event: res.body.length === 0 ? {} : JSON.parse(res.body),
  };
}
