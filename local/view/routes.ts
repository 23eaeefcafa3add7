import type { LocalRoute } from '../invoke-api';
import type { LocalLambda } from '../runtime';
import { trackInvocationTicks } from './invocation-ticks';
import { liveViewHtml } from './page';
import { viewState } from './state';

/**
 * The live view's routes for the runtime's listener: the page at `/_local/` and its data at
 * `/_local/state`. Neither carries environment variables, so no secret can reach the page.
 *
 * @example
 * startInvokeApiServer(runtime, { routes: liveViewRoutes(runtime, { endedLimit: 200, shortNames }) });
 */
export function liveViewRoutes(
  runtime: LocalLambda,
  options: { endedLimit: number; shortNames?: ReadonlyMap<string, string> },
): LocalRoute[] {
  const ticks = trackInvocationTicks(runtime);
  const shortNames = options.shortNames ?? new Map<string, string>();
  return [
    {
      method: 'GET',
      path: '/_local/',
      handle(_req, res) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(liveViewHtml);
      },
    },
    {
      method: 'GET',
      path: '/_local/state',
      handle(_req, res) {
        const body = JSON.stringify(viewState(runtime, options.endedLimit, { shortNames, ticks }));
        res.writeHead(200, {
          'content-type': 'application/json',
          'cache-control': 'no-store',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      },
    },
  ];
}
