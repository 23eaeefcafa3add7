import type { ApiResponse } from './connection';
import type { Handler } from './handler-loader';
import { type Invocation, toInvocation } from './invocation';
import { type InvokeOptions, runInvocation } from './invoke';
import { type InvocationStore, invokeContext } from './invoke-store';
import { isStreamingHandler, runStreamingInvocation, type StreamingInvokeOptions } from './streaming';

export interface ConcurrentLoopOptions {
  /** One GET /next per poller, each on a connection of its own: a GET /next is held until there is an event. */
  readonly pollers: ReadonlyArray<() => Promise<ApiResponse>>;
  /** Posts one invocation's outcome (RuntimeClient.answer), on another connection. */
  readonly answer: (requestId: string, err: unknown, result: unknown) => Promise<ApiResponse>;
  readonly invoke: Omit<InvokeOptions, 'respond'>;
  /** Request ids this worker is running, for a crash to fail them all (fatal.ts). */
  readonly pending: Set<string>;
  /** How a handler wrapped in `awslambda.streamifyResponse` answers. */
  readonly streaming?: StreamingInvokeOptions;
  /**
   * AWS's per-invocation store (invoke-store.ts), AsyncLocalStorage-backed under Managed Instances: each
   * invocation runs in its own context of it, which is also how a console line knows its request.
   */
  readonly store: InvocationStore;
}

/**
 * One worker's INVOKE phase under Managed Instances: each poller asks for an event, starts the handler on it
 * without waiting for it to finish, and asks again at once, so any number of the worker's invocations run
 * while its GET /next requests stay open, and Lambda decides how many to admit (up to
 * AWS_LAMBDA_MAX_CONCURRENCY). AWS's Node runtime client keeps one poller per worker and AWS's Go client one
 * per unit of concurrency; with one, delivery waits a GET /next round trip per event, which on this
 * machine's loopback, sharing a busy event loop with the rest of the runtime, caps a worker near a thousand
 * events a second. So the bootstrap keeps a few (workers.ts): the function sees the same thing either way,
 * its invocations running concurrently in one module scope. A synchronous handler holds the worker's event
 * loop, so its pollers wait until it returns: one invocation at a time, as AWS documents for synchronous
 * handlers. The trace id is not put in `_X_AMZN_TRACE_ID`: one process-wide variable cannot belong to many
 * requests (the invoke store carries it).
 *
 * @example
 * await runConcurrentLoop(handler, { pollers: [() => polls.next()], answer, invoke, pending, store });
 */
export async function runConcurrentLoop(handler: Handler, options: ConcurrentLoopOptions): Promise<never> {
  const streaming = isStreamingHandler(handler) ? options.streaming : undefined;
  const invoke: InvokeOptions = { ...options.invoke, respond: options.answer };
  const { pending } = options;
  const run = (inv: Invocation): void => {
    const answered = streaming ? runStreamingInvocation(handler, inv, streaming) : runInvocation(handler, inv, invoke);
    void answered.then(({ next }) => next.then(() => pending.delete(inv.requestId), invoke.onRuntimeApiLost));
  };
  const poll = async (next: () => Promise<ApiResponse>): Promise<never> => {
    for (;;) {
      const inv = toInvocation(await next());
      pending.add(inv.requestId);
      setImmediate(() => options.store.run(invokeContext(inv), () => run(inv)));
    }
  };
  return Promise.race(options.pollers.map(poll));
}
