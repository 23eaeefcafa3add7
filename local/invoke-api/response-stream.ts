import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import { type FunctionRecord, InvalidParameterValueError, type LocalLambda } from '../runtime';
import { invokeComplete, payloadChunk } from './event-stream';

/** What the Invoke API's server lends this route: reading an invoke's payload and answering errors. */
export interface StreamRouteIo {
  /** Checks the content type, reads and validates the JSON payload, or answers the error itself. */
  readPayload(req: http.IncomingMessage, res: http.ServerResponse, then: (payload: Buffer) => void): void;
  sendError(res: http.ServerResponse, err: unknown): void;
  clientContext(req: http.IncomingMessage): string | undefined;
}

/**
 * InvokeWithResponseStream (`POST /2021-11-15/functions/{name}/response-streaming-invocations`,
 * docs.aws.amazon.com/lambda/latest/api/API_InvokeWithResponseStream.html): a 200 whose body is an
 * event stream of `PayloadChunk` events, each written as the function's chunk reaches the runtime,
 * then one `InvokeComplete` with `ErrorCode`/`ErrorDetails` when the function failed and `LogResult`
 * when LogType is Tail. A function that does not stream answers with its whole payload as one
 * chunk. Errors before the function runs (404, 429, 413...) are ordinary JSON error answers.
 *
 * @example
 * invokeWithResponseStream(rt, req, res, rt.control.resolve(name), io);
 */
export function invokeWithResponseStream(
  rt: LocalLambda,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  record: FunctionRecord,
  io: StreamRouteIo,
): void {
  const type = headerOf(req, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (type !== 'RequestResponse' && type !== 'DryRun') {
    throw new InvalidParameterValueError(`InvocationType must be RequestResponse or DryRun, got ${type}`);
  }
  const tail = headerOf(req, 'x-amz-log-type') === 'Tail';
  const clientContext = io.clientContext(req);
  io.readPayload(req, res, (payload) => {
    if (type === 'DryRun') {
      res.writeHead(204, { 'x-amzn-requestid': randomUUID() });
      return void res.end();
    }
    let started = false;
    const start = (): void => {
      if (started) return;
      started = true;
      res.writeHead(200, {
        'content-type': 'application/vnd.amazon.eventstream',
        'x-amzn-requestid': randomUUID(),
        'x-amz-executed-version': '$LATEST',
      });
      res.flushHeaders();
    };
    const receiver = {
      start,
      chunk: (data: Buffer) => {
        res.write(payloadChunk(data));
      },
    };
    const streamed = (): boolean => started;
    rt.invoke(record.def.name, payload, { tail, ...(clientContext ? { clientContext } : {}), stream: receiver }).then(
      (result) => {
        const wasStreamed = streamed();
        start();
        // A buffered handler's answer travels as one chunk, as Lambda sends it.
        if (!wasStreamed && !result.functionError) res.write(payloadChunk(result.payload));
        res.end(
          invokeComplete({
            ...(result.functionError ? errorFields(result.payload) : {}),
            ...(result.logResult !== undefined ? { LogResult: result.logResult } : {}),
          }),
        );
      },
      (err: unknown) => {
        if (!started) return io.sendError(res, err);
        res.end(invokeComplete({ ErrorCode: 'ServiceException', ErrorDetails: (err as Error).message }));
      },
    );
  });
}

/**
 * AWS documents ErrorCode and ErrorDetails only as strings; locally ErrorCode is the error's type
 * (`Error`, `Sandbox.Timedout`, `Function.ResponseSizeTooLarge`) and ErrorDetails its message.
 */
function errorFields(payload: Buffer): { ErrorCode: string; ErrorDetails: string } {
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as { errorType?: unknown; errorMessage?: unknown };
    return {
      ErrorCode: typeof parsed.errorType === 'string' ? parsed.errorType : 'Unhandled',
      ErrorDetails: typeof parsed.errorMessage === 'string' ? parsed.errorMessage : payload.toString('utf8'),
    };
  } catch {
    return { ErrorCode: 'Unhandled', ErrorDetails: payload.toString('utf8') };
  }
}

function headerOf(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
