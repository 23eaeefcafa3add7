import { setTraceId } from './context';
import type { Handler } from './handler-loader';
import { toInvocation } from './invocation';
import { type InvokeOptions, runInvocation } from './invoke';
import { type InvocationStore, invokeContext } from './invoke-store';
import type { RuntimeClient } from './runtime-client';
import { isStreamingHandler, runStreamingInvocation, type StreamingInvokeOptions } from './streaming';

/** Which invocation the process is in, for the console and for crash reports. */
export interface InvocationState {
  /** The running invocation's, or the last one's: console lines between invocations carry it. */
  requestId: string | undefined;
  /** Set only while an invocation runs. */
  pendingRequestId: string | undefined;
}

export interface LoopOptions {
  readonly client: Pick<RuntimeClient, 'next'>;
  readonly invoke: InvokeOptions;
  readonly state: InvocationState;
  /** How a handler wrapped in `awslambda.streamifyResponse` answers. */
  readonly streaming?: StreamingInvokeOptions;
  /** AWS's per-invocation store (invoke-store.ts), when there is one: each invocation runs in its context. */
  readonly store?: InvocationStore;
}

/**
 * The INVOKE phase, forever: GET /next, run the handler, post its outcome together with the
 * next GET /next. Rejects only when the Runtime API fails or answers GET /next with an error.
 *
 * @example
 * await runLoop(handler, { client, invoke, state });
 */
export async function runLoop(handler: Handler, options: LoopOptions): Promise<never> {
  const { client, invoke, state } = options;
  // Decided once: the buffered path stays as it was.
  const streaming = isStreamingHandler(handler) ? options.streaming : undefined;
  let next = client.next();
  for (;;) {
    const inv = toInvocation(await next);
    state.requestId = inv.requestId;
    state.pendingRequestId = inv.requestId;
    setTraceId(invoke.env, inv.traceId);
    const run = () =>
      streaming ? runStreamingInvocation(handler, inv, streaming) : runInvocation(handler, inv, invoke);
    ({ next } = await (options.store ? options.store.run(invokeContext(inv), run) : run()));
    state.pendingRequestId = undefined;
  }
}
