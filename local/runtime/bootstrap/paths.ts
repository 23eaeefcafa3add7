/** The Runtime API's paths, below its version prefix (`/2018-06-01`). */

export const API_VERSION_PREFIX = '/2018-06-01';
export const NEXT_PATH = '/runtime/invocation/next';
export const INIT_ERROR_PATH = '/runtime/init/error';

/** Where the result of invocation `requestId` goes. */
export function responsePath(requestId: string): string {
  return `/runtime/invocation/${requestId}/response`;
}

/** Where the error of invocation `requestId` goes. */
export function invocationErrorPath(requestId: string): string {
  return `/runtime/invocation/${requestId}/error`;
}
