import { isCallbackStyle } from './callback-rules';
import type { ApiResponse } from './connection';
import { type ContextOptions, createContext } from './context';
import type { Handler } from './handler-loader';
import type { Invocation } from './invocation';

export interface InvokeOptions extends ContextOptions {
  /** Posts the outcome and, in the same write, asks for the next event (see RuntimeClient.respond). */
  readonly respond: (requestId: string, err: unknown, result: unknown) => Promise<ApiResponse>;
  /** Defers a callback handler's answer until the event loop has drained (see EventLoopDrain). */
  readonly waitForEmptyLoop: (then: () => void) => void;
  /** Called when the answer or the next event cannot travel: the Runtime API is gone. */
  readonly onRuntimeApiLost: (err: unknown) => void;
}

/** The pending request for the next event, wrapped so that resolving with it does not wait for it. */
export interface Answered {
  readonly next: Promise<ApiResponse>;
}

/**
 * Runs `handler` on one invocation under Lambda's rules: a returned promise settles it, a
 * callback (where callbacks are allowed) or `context.succeed/fail/done` settle it, a plain
 * return value settles a handler that is not callback-style, a throw is its error; the first
 * outcome wins. With a callback and `callbackWaitsForEmptyEventLoop`, the answer waits for the
 * event loop to drain. Resolves once the answer is on its way, with the request for the next event.
 *
 * @example
 * const { next } = await runInvocation(handler, inv, options);
 */
export function runInvocation(handler: Handler, inv: Invocation, options: InvokeOptions): Promise<Answered> {
  const callbacksAllowed = options.callbacksAllowed;
  return new Promise<Answered>((resolve) => {
    let settled = false;
    let context: Record<string, unknown>;
    const finish = (err: unknown, result: unknown): void => {
      if (settled) return;
      settled = true;
      const send = (): void => {
        const next = options.respond(inv.requestId, err, result);
        next.catch(options.onRuntimeApiLost);
        resolve({ next });
      };
      if (callbacksAllowed && callbackUsed && context.callbackWaitsForEmptyEventLoop) {
        options.waitForEmptyLoop(send);
      } else {
        send();
      }
    };
    let callbackUsed = false;
    context = createContext(inv, options, finish);
    try {
      const callback = callbacksAllowed
        ? (err?: unknown, result?: unknown) => {
            callbackUsed = true;
            finish(err, result);
          }
        : undefined;
      const returned = handler(inv.event, context, callback);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(
          (value) => finish(null, value),
          (err: unknown) => finish(err ?? new Error('Promise rejected'), undefined),
        );
      } else if (!callbacksAllowed || !isCallbackStyle(handler)) {
        finish(null, returned);
      }
    } catch (err) {
      finish(err, undefined);
    }
  });
}
