import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';
import type { Invocation } from './invocation';

/** The store's shape as the bootstrap uses it (the package's own types, narrowed). */
export type InvocationStore = Awaited<ReturnType<typeof InvokeStore.getInstanceAsync>>;

/**
 * The per-invocation store of AWS's own Node runtime (`@aws/lambda-invoke-store`): the runtime client runs
 * every invocation inside it with the request id and the X-Ray trace id, and puts the instance on
 * `globalThis.awslambda.InvokeStore`, so a function's own copy of the package finds the same one. Under
 * Managed Instances (AWS_LAMBDA_MAX_CONCURRENCY set) it is backed by AsyncLocalStorage, which is how a
 * function reads *its* trace id there: `_X_AMZN_TRACE_ID` is one variable for the whole process, and AWS's
 * runtime leaves it unset in that mode. Call after installAwsLambdaGlobal, which rebuilds `awslambda`.
 *
 * @example
 * const store = await openInvokeStore();
 * await store.run(invokeContext(inv), () => handler(inv.event, context));
 */
export function openInvokeStore(): Promise<InvocationStore> {
  return InvokeStore.getInstanceAsync();
}

/** The store's context for one invocation: its request id and, when Lambda passed one, its trace id. */
export function invokeContext(inv: Invocation): Record<symbol, string> {
  const keys = InvokeStoreBase.PROTECTED_KEYS;
  return {
    [keys.REQUEST_ID]: inv.requestId,
    ...(inv.traceId ? { [keys.X_RAY_TRACE_ID]: inv.traceId } : {}),
  };
}
