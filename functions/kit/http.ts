import { isKitError } from './errors';
import { type Instance, type InvocationInfo, instance as moduleInstance } from './instance';
import { describeError, type Logger } from './logger';

/** The parts of an API Gateway HTTP API payload 2.0 event the functions read. */
export interface HttpApiEvent {
  version?: string;
  routeKey?: string;
  rawPath?: string;
  rawQueryString?: string;
  cookies?: string[];
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  pathParameters?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext?: {
    requestId?: string;
    routeKey?: string;
    stage?: string;
    http?: { method?: string; path?: string; protocol?: string; sourceIp?: string; userAgent?: string };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** The Lambda context fields the functions read. */
export interface LambdaContext {
  awsRequestId: string;
  functionName?: string;
  functionVersion?: string;
  logStreamName?: string;
  getRemainingTimeInMillis?: () => number;
  [key: string]: unknown;
}

/** An HTTP API proxy result. */
export interface ProxyResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A JSON proxy result.
 *
 * @example
 * return json(200, { ok: true });
 */
export function json(statusCode: number, body: unknown): ProxyResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** A query-string parameter, or undefined. */
export function queryParam(event: HttpApiEvent, name: string): string | undefined {
  return event.queryStringParameters?.[name];
}

/**
 * Maps an error to a proxy result without leaking stacks or secrets: kit errors answer their own
 * status and stable code; anything else is a bare 500 `EINTERNAL`.
 */
export function errorResult(err: unknown, instanceId: string): ProxyResult {
  if (isKitError(err)) {
    const body: Record<string, unknown> = { code: err.code, message: err.message, instanceId };
    const parameter = (err as { parameter?: unknown }).parameter;
    if (typeof parameter === 'string') body.parameter = parameter;
    return json(err.statusCode, body);
  }
  return json(500, { code: 'EINTERNAL', message: 'Internal error', instanceId });
}

export type RouteHandler = (
  event: HttpApiEvent,
  context: LambdaContext,
  invocation: InvocationInfo,
) => Promise<ProxyResult>;

/**
 * Wraps a route: counts the invocation, runs it in its own request scope (so every line the logger
 * writes for it carries its requestId, even while other invocations of the same worker run
 * concurrently under Lambda Managed Instances), and turns a thrown error into a JSON 5xx with a
 * stable code (logged, never with a stack or secret in the response).
 *
 * @example
 * export const handler = httpHandler(logger, async (event, context, { coldStart }) => json(200, { coldStart }));
 */
export function httpHandler(
  logger: Logger,
  route: RouteHandler,
  inst: Instance = moduleInstance,
): (event: HttpApiEvent, context: LambdaContext) => Promise<ProxyResult> {
  return (event, context) => {
    const invocation = inst.beginInvocation();
    return logger.runInvocation(context?.awsRequestId, invocation.coldStart, async () => {
      try {
        return await route(event ?? {}, context, invocation);
      } catch (err) {
        logger.error('request failed', { error: describeError(err) });
        return errorResult(err, inst.id);
      }
    });
  };
}
