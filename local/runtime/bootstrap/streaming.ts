/**
 * Response streaming as Lambda's Node runtime offers it: the global `awslambda` with
 * `streamifyResponse` and `HttpResponseStream.from`, and a handler's `responseStream` whose chunks
 * leave for the Runtime API as the handler writes them.
 *
 * The protocol is the one of AWS's runtime interface client (aws/aws-lambda-nodejs-runtime-interface-client,
 * src/stream/response-stream.ts and http-response-stream.ts): POST /response with
 * `Lambda-Runtime-Function-Response-Mode: streaming` and `Transfer-Encoding: chunked`; an error after
 * the stream has begun travels as the trailers `Lambda-Runtime-Function-Error-Type` and
 * `Lambda-Runtime-Function-Error-Body` (base64 of the error JSON). `HttpResponseStream.from` sets the
 * content type `application/vnd.awslambda.http-integration-response` and writes the JSON prelude and
 * eight null bytes before the first chunk ("Response streaming for Lambda functions",
 * docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html).
 */
import { Writable } from 'node:stream';
import type { ApiResponse, ChunkedRequest } from './connection';
import { type ContextOptions, createContext } from './context';
import { errorPayload } from './error-payload';
import { LambdaRuntimeError } from './errors';
import type { Handler } from './handler-loader';
import type { Invocation } from './invocation';
import type { Answered } from './invoke';

export const STREAMING_MODE_HEADER = 'Lambda-Runtime-Function-Response-Mode';
export const ERROR_TYPE_TRAILER = 'Lambda-Runtime-Function-Error-Type';
export const ERROR_BODY_TRAILER = 'Lambda-Runtime-Function-Error-Body';
export const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
const DELIMITER = new Uint8Array(8);

/** The marks `streamifyResponse` puts on a handler (AWS's runtime uses symbols too). */
const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HIGH_WATER_MARK = Symbol.for('aws.lambda.runtime.handler.highWaterMark');

type Marked = Handler & { [STREAMING]?: true; [HIGH_WATER_MARK]?: number };

/** Thrown by a stream operation Lambda refuses (setting the content type after the first write). */
export class InvalidStreamingOperation extends LambdaRuntimeError {
  constructor(message: string) {
    super('EINVALIDSTREAMINGOPERATION', 'Runtime.InvalidStreamingOperation', message);
  }
}

/**
 * The handler's `responseStream`: a Writable whose chunks become chunks of the Runtime API
 * request. The request opens on the first write (or the end), so `setContentType` and
 * `HttpResponseStream.from` still apply until then.
 */
export class ResponseStream extends Writable {
  /** AWS's hook for `HttpResponseStream.from`: runs once, just before the first chunk. */
  _onBeforeFirstWrite: ((write: (chunk: string | Uint8Array) => void) => void) | undefined = undefined;
  private contentType = DEFAULT_CONTENT_TYPE;
  private request: ChunkedRequest | undefined;
  private closing: Promise<ApiResponse> | undefined;

  constructor(
    private readonly open: (contentType: string) => ChunkedRequest,
    highWaterMark: number | undefined,
  ) {
    super(highWaterMark === undefined ? {} : { highWaterMark });
  }

  setContentType(contentType: string): void {
    if (this.request) throw new InvalidStreamingOperation('Cannot set content-type, too late.');
    this.contentType = contentType;
  }

  // AWS's stream writes objects that are not bytes or text as JSON.
  override write(chunk: unknown, ...rest: unknown[]): boolean {
    const data =
      typeof chunk === 'string' || chunk instanceof Uint8Array || chunk === null ? chunk : JSON.stringify(chunk);
    return (super.write as (...args: unknown[]) => boolean)(data, ...rest);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    // After a failure has ended the request, nothing may follow its last chunk.
    if (this.closing) done();
    else this.opened().write(chunk, done);
  }

  override _final(done: (err?: Error | null) => void): void {
    void this.close(undefined);
    done();
  }

  /** Ends the request (with error trailers when given) once; resolves with the Runtime API's answer. */
  close(trailers: Readonly<Record<string, string>> | undefined): Promise<ApiResponse> {
    this.closing ??= this.opened().end(trailers);
    return this.closing;
  }

  private opened(): ChunkedRequest {
    if (this.request) return this.request;
    const request = this.open(this.contentType);
    this.request = request;
    this._onBeforeFirstWrite?.((chunk) => request.write(Buffer.from(chunk), () => undefined));
    return request;
  }
}

/** `awslambda.HttpResponseStream`: the prelude of a function URL's streamed response. */
export const HttpResponseStream = {
  from(stream: ResponseStream, prelude: Record<string, unknown>): ResponseStream {
    stream.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
    const text = JSON.stringify(prelude);
    stream._onBeforeFirstWrite = (write) => {
      write(text);
      write(DELIMITER);
    };
    return stream;
  },
};

/**
 * Defines the global `awslambda` before the handler loads, unless
 * AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA is `1` or `true` (AWS's escape hatch).
 *
 * @example
 * installAwsLambdaGlobal(globalThis, process.env);
 * exports.handler = awslambda.streamifyResponse(async (event, stream) => stream.end('hi'));
 */
export function installAwsLambdaGlobal(target: typeof globalThis, env: NodeJS.ProcessEnv): void {
  const off = env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (off === '1' || off === 'true') return;
  const holder = target as unknown as { awslambda?: Record<string, unknown> };
  holder.awslambda = {
    ...holder.awslambda,
    streamifyResponse(handler: Marked, options?: { highWaterMark?: number }): Handler {
      handler[STREAMING] = true;
      if (typeof options?.highWaterMark === 'number') handler[HIGH_WATER_MARK] = Math.trunc(options.highWaterMark);
      return handler;
    },
    HttpResponseStream,
  };
}

/** Whether `streamifyResponse` marked the handler. */
export function isStreamingHandler(handler: Handler): boolean {
  return (handler as Marked)[STREAMING] === true;
}

export interface StreamingInvokeOptions extends ContextOptions {
  /** Opens the invocation's streamed POST /response. */
  readonly openResponse: (requestId: string, contentType: string) => ChunkedRequest;
  /** Asks for the next event. */
  readonly next: () => Promise<ApiResponse>;
  /** Called when the answer or the next event cannot travel: the Runtime API is gone. */
  readonly onRuntimeApiLost: (err: unknown) => void;
}

/**
 * Runs a streaming handler `(event, responseStream, context)` on one invocation, as AWS's
 * StreamingInvokeProcessor does: the handler must return a promise; once it resolves and the
 * stream has ended, the response is complete. A throw or rejection ends the stream with the error
 * trailers. Resolves with the request for the next event once the Runtime API has answered.
 *
 * @example
 * const { next } = await runStreamingInvocation(handler, inv, options);
 */
export function runStreamingInvocation(
  handler: Handler,
  inv: Invocation,
  options: StreamingInvokeOptions,
): Promise<Answered> {
  return new Promise<Answered>((resolve) => {
    const stream = new ResponseStream(
      (contentType) => options.openResponse(inv.requestId, contentType),
      (handler as Marked)[HIGH_WATER_MARK],
    );
    let settled = false;
    const settle = (posted: Promise<ApiResponse>): void => {
      if (settled) return;
      settled = true;
      posted.then(
        () => {
          const next = options.next();
          next.catch(options.onRuntimeApiLost);
          resolve({ next });
        },
        (err: unknown) => options.onRuntimeApiLost(err),
      );
    };
    const fail = (err: unknown): void => {
      const payload = errorPayload(err);
      settle(
        stream.close({
          [ERROR_TYPE_TRAILER]: payload.errorType,
          [ERROR_BODY_TRAILER]: Buffer.from(JSON.stringify(payload)).toString('base64'),
        }),
      );
    };
    // A stream error (a write after end, ...) fails the invocation as an uncaught error would.
    stream.on('error', fail);
    // The context of a streaming handler has no callback-era succeed/fail to end it.
    const context = createContext(inv, { env: options.env, callbacksAllowed: false }, () => undefined);
    let returned: unknown;
    try {
      returned = (handler as (e: unknown, s: unknown, c: unknown) => unknown)(inv.event, stream, context);
    } catch (err) {
      return fail(err);
    }
    if (!returned || typeof (returned as Promise<unknown>).then !== 'function') {
      return fail(new Error('Streaming does not support non-async handlers.'));
    }
    (returned as Promise<unknown>).then(
      () => {
        // As AWS's runtime, the response is over only when the handler has ended its stream.
        if (stream.writableFinished) settle(stream.close(undefined));
        else stream.once('finish', () => settle(stream.close(undefined)));
      },
      (err: unknown) => fail(err ?? new Error('Promise rejected')),
    );
  });
}
