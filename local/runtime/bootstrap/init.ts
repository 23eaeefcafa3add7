import { assertHandlerAllowed } from './callback-rules';
import { type Handler, type ImportModule, loadHandler } from './handler-loader';
import { INIT_ERROR_PATH } from './paths';
import { isStreamingHandler } from './streaming';

export interface InitOptions {
  /** `_HANDLER`. */
  readonly handler: string;
  readonly taskRoot: string;
  readonly callbacksAllowed: boolean;
  /** Posts an error to a Runtime API path (see RuntimeClient.reportError). */
  readonly reportError: (path: string, err: unknown) => Promise<void>;
  readonly log: (...args: unknown[]) => void;
  /** How ES modules load; the default is the real dynamic import. */
  readonly importModule?: ImportModule;
}

/**
 * The INIT phase: loads the handler and checks it against the runtime's callback rules. On
 * failure it logs `Init Error`, posts the error to /runtime/init/error and resolves undefined,
 * after which the bootstrap exits.
 *
 * @example
 * const handler = await initHandler({ ...settings, reportError, log: console.error });
 * if (!handler) process.exit(1);
 */
export async function initHandler(options: InitOptions): Promise<Handler | undefined> {
  try {
    const handler = await loadHandler(options);
    // (event, responseStream, context) takes three parameters without being callback-style.
    if (!isStreamingHandler(handler)) assertHandlerAllowed(handler, options.callbacksAllowed);
    return handler;
  } catch (err) {
    options.log('Init Error', err instanceof Error ? err.message : err);
    await options.reportError(INIT_ERROR_PATH, err);
    return undefined;
  }
}
