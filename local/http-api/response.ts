/** What the Lambda Invoke API answered, as the local runtime reports it. */
export interface InvokeResult {
  /** The Invoke API's own status: 200, 429 throttled, 404 no such function, ... */
  statusCode: number;
  /** The function's response payload (JSON text), or the Invoke API's error body. */
  payload: string;
  /** Set (e.g. `Unhandled`) when the function failed; the Invoke API still answers 200 then. */
  functionError?: string;
  errorType?: string;
}

/** An HTTP response ready to write; headers as pairs so repeated Set-Cookie survive. */
export interface MappedResponse {
  statusCode: number;
  headers: [string, string][];
  body: Buffer;
  /** Why API Gateway would have answered with its own error instead of the function's response. */
  failure?: 'function-error' | 'throttled' | 'invoke-failed' | 'invalid-response' | 'timeout';
}

const json = (statusCode: number, message: string, failure?: MappedResponse['failure']): MappedResponse => {
  const mapped: MappedResponse = {
    statusCode,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify({ message })),
  };
  if (failure) mapped.failure = failure;
  return mapped;
};

/** HTTP APIs answer every integration failure with this body, "Server Error" capitalised. */
export const internalServerError = (failure: MappedResponse['failure']): MappedResponse =>
  json(500, 'Internal Server Error', failure);
export const notFound = (): MappedResponse => json(404, 'Not Found');
/** An integration that runs past the HTTP API's 30 s integration timeout. */
export const serviceUnavailable = (): MappedResponse => json(503, 'Service Unavailable', 'timeout');
/** The HTTP API payload quota: 10 MB, not adjustable. */
export const maxRequestBytes = 10 * 1024 * 1024;
/**
 * Past the 10 MB quota API Gateway answers before any route runs, in plain text. The wording is the one a
 * user captured from a live API (github.com/koki-develop/lgtm-generator issue #10).
 */
export const requestTooLarge = (): MappedResponse => ({
  statusCode: 413,
  headers: [['content-type', 'text; charset=utf-8']],
  body: Buffer.from(`HTTP content length exceeded ${maxRequestBytes} bytes.`),
});

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);

/**
 * Maps an Invoke API result to the client's response as an HTTP API with payload format 2.0 does.
 *
 * - A throttled invoke (429) or any other Invoke API failure becomes 500 `{"message":"Internal Server Error"}`.
 *   Lambda's guide ("Handling Lambda errors with an API Gateway API") says API Gateway treats all invocation and
 *   function errors as internal errors and returns 500 when the Lambda API rejects the invocation request; the
 *   API Gateway knowledge-center article on 500 errors lists Lambda throttling among the causes. HTTP APIs do not
 *   pass Lambda's 429 through (a 429 from API Gateway means its own stage throttling).
 * - A function error (X-Amz-Function-Error) or a response that is not valid becomes the same 500.
 * - Valid JSON without `statusCode` is a 200 with `content-type: application/json`, its body the payload
 *   (a JSON string gives its text), per "Lambda function response for format 2.0".
 * - Otherwise statusCode, headers, cookies (one Set-Cookie each), body and isBase64Encoded are applied.
 *   `multiValueHeaders` belongs to format 1.0 and is ignored here.
 *
 * @example
 * mapResponse({ statusCode: 200, payload: '{"statusCode":201,"body":"ok"}' }).statusCode; // 201
 */
export function mapResponse(result: InvokeResult): MappedResponse {
  if (result.statusCode === 429) return internalServerError('throttled');
  // An event over Lambda's 6 MB invoke limit: the same live capture shows API Gateway answering this.
  if (result.statusCode === 413) return json(413, 'Request Too Long', 'invoke-failed');
  if (result.statusCode !== 200) return internalServerError('invoke-failed');
  if (result.functionError) return internalServerError('function-error');
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.payload);
  } catch {
    return internalServerError('invalid-response');
  }
  if (!isRecord(parsed) || !('statusCode' in parsed)) {
    const body = typeof parsed === 'string' ? parsed : result.payload;
    return { statusCode: 200, headers: [['content-type', 'application/json']], body: Buffer.from(body) };
  }
  const { statusCode, headers, cookies, body, isBase64Encoded } = parsed;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return internalServerError('invalid-response');
  }
  if (headers !== undefined && headers !== null && (!isRecord(headers) || !Object.values(headers).every(isScalar))) {
    return internalServerError('invalid-response');
  }
  if (
    cookies !== undefined &&
    cookies !== null &&
    (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string'))
  ) {
    return internalServerError('invalid-response');
  }
  if (body !== undefined && body !== null && typeof body !== 'string') return internalServerError('invalid-response');
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== 'boolean') {
    return internalServerError('invalid-response');
  }
  const out: [string, string][] = Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]);
  for (const cookie of (cookies as string[] | undefined | null) ?? []) out.push(['set-cookie', cookie]);
  const text = (body as string | undefined | null) ?? '';
  return {
    statusCode,
    headers: out,
    body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}
