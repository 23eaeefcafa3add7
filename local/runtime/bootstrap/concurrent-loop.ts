import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApiResponse } from './connection';
import type { Handler } from './handler-loader';
import { type Invocation, toInvocation } from './invocation';
import { type InvokeOptions, runInvocation } from './invoke';
import { type InvocationStore, invokeContext } from './invoke-store';
import { isStreamingHandler, runStreamingInvocation, type StreamingInvokeOptions } from './streaming';

/**
 * The invocation the code running now belongs to, under Managed Instances: many run at once in one worker,
 * so "the current request" is a property of the async context, not of the process (AWS recommends
 * AsyncLocalStorage for the same reason, "Node.js runtime for Lambda Managed Instances",
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html).
 */
export const invocationScope = new AsyncLocalStorage<Invocation>();

export interface ConcurrentLoopOptions {
  /** GET /next, on a connection of its own: it is held until there is an event. */
  readonly next: () => Promise<ApiResponse>;
  /** Posts one invocation's outcome (RuntimeClient.answer), on another connection. */
  readonly answer: (requestId: string, err: unknown, result: unknown) => Promise<ApiResponse>;
  readonly invoke: Omit<InvokeOptions, 'respond'>;
  /** Request ids this worker is running, for a crash to fail them all (fatal.ts). */
  readonly pending: Set<string>;
  /** How a handler wrapped in `awslambda.streamifyResponse` answers. */
  readonly streaming?: StreamingInvokeOptions;
  /** AWS's per-invocation store (invoke-store.ts): each invocation runs in its own context of it. */
  readonly store: InvocationStore;
}

/**
 * One worker's INVOKE phase under Managed Instances, as AWS's Node runtime client runs it: ask for an event,
 * start the handler on it without waiting for it to finish, and ask again at once. So a worker keeps one
 * GET /next open while any number of its invocations run, and Lambda decides how many to admit (up to
 * AWS_LAMBDA_MAX_CONCURRENCY). A synchronous handler holds the worker's event loop, so that worker asks
 * again only once it returns: one invocation at a time, as AWS documents for synchronous handlers.
 * The trace id is not put in `_X_AMZN_TRACE_ID`: one process-wide variable cannot belong to many requests.
 *
 * @example
 * await runConcurrentLoop(handler, { next: () => polls.next(), answer, invoke, pending });
 */
export async function runConcurrentLoop(handler: Handler, options: ConcurrentLoopOptions): Promise<never> {
  const streaming = isStreamingHandler(handler) ? options.streaming : undefined;
  const invoke: InvokeOptions = { ...options.invoke, respond: options.answer };
  const { pending } = options;
  const run = (inv: Invocation): void => {
    const answered = streaming ? runStreamingInvocation(handler, inv, streaming) : runInvocation(handler, inv, invoke);
    void answered.then(({ next }) => next.then(() => pending.delete(inv.requestId), invoke.onRuntimeApiLost));
  };
  for (;;) {
    const inv = toInvocation(await options.next());
    pending.add(inv.requestId);
    setImmediate(() => options.store.run(invokeContext(inv), () => invocationScope.run(inv, run, inv)));
  }
}
