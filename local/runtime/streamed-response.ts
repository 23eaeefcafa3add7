import type { ResponseSink } from './runtime-api-server';

/**
 * What Lambda documents for streamed responses ("Response streaming for Lambda functions",
 * docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html): up to 200 MB per
 * response (20 MB before July 2025), the first 6 MB at an uncapped rate, the rest at most 2 MBps.
 */
export const streamingDefaults = {
  limitBytes: 200 * 1024 * 1024,
  uncappedBytes: 6 * 1024 * 1024,
  bytesPerSecond: 2 * 1024 * 1024,
} as const;

/** Who hears of a streamed response: the invoke's caller, as each chunk arrives. */
export interface StreamReceiver {
  /** The first chunk is on its way; `contentType` is the one the function's stream set. */
  start(contentType: string): void;
  chunk(data: Buffer): void;
}

export interface StreamedResponseOptions {
  readonly contentType: string;
  readonly receiver: StreamReceiver | undefined;
  /** Past this many bytes the response is cut and the invocation fails. */
  readonly limitBytes: number;
  /** false turns the bandwidth cap after the first 6 MB off. */
  readonly bandwidthCap: boolean;
  /** The stream is over: undefined on success, else the error type and the error JSON. */
  readonly done: (error: { errorType: string; payload: Buffer } | undefined) => void;
}

/**
 * One streamed response as the Runtime API server receives it: hands each chunk to the caller,
 * counts the bytes against the limit (past it the invocation fails with
 * Function.ResponseSizeTooLarge and the rest is dropped, as for a buffered response over 6 MB), and
 * past the uncapped first 6 MB tells the server how long to stop reading, which slows the function's
 * writes through TCP the way the cap does on AWS.
 *
 * @example
 * const sink = new StreamedResponse({ contentType, receiver, limitBytes, bandwidthCap: true, done });
 */
export class StreamedResponse implements ResponseSink {
  private bytes = 0;
  private started = false;
  private over = false;
  private cappedSince = 0;

  constructor(private readonly o: StreamedResponseOptions) {}

  chunk(data: Buffer): number {
    if (this.over) return 0;
    this.bytes += data.length;
    if (this.bytes > this.o.limitBytes) {
      this.over = true;
      this.o.done({
        errorType: 'Function.ResponseSizeTooLarge',
        payload: Buffer.from(
          JSON.stringify({
            errorType: 'Function.ResponseSizeTooLarge',
            errorMessage: `Response payload size exceeded maximum allowed payload size (${this.o.limitBytes} bytes).`,
          }),
        ),
      });
      return 0;
    }
    if (!this.started) {
      this.started = true;
      this.o.receiver?.start(this.o.contentType);
    }
    this.o.receiver?.chunk(data);
    const capped = this.bytes - streamingDefaults.uncappedBytes;
    if (!this.o.bandwidthCap || capped <= 0) return 0;
    const now = Date.now();
    if (this.cappedSince === 0) this.cappedSince = now;
    return Math.max(0, this.cappedSince + (capped * 1000) / streamingDefaults.bytesPerSecond - now);
  }

  end(errorType: string | undefined, errorBody: string | undefined): void {
    if (this.over) return;
    this.over = true;
    // A stream that ended without a byte still starts (and ends) the caller's response.
    if (!this.started && errorType === undefined) this.o.receiver?.start(this.o.contentType);
    if (errorType === undefined) {
      this.o.done(undefined);
      return;
    }
    const payload =
      errorBody !== undefined
        ? Buffer.from(errorBody, 'base64')
        : Buffer.from(JSON.stringify({ errorType, errorMessage: errorType }));
    this.o.done({ errorType, payload });
  }
}
