/**
 * The live view served at `/_local/`: one self-contained page (no network beyond this server)
 * that polls `/_local/state` and redraws. Polling, not SSE, because a frozen-then-reaped
 * environment must disappear even when no traffic flows, and a poll sees that without extra wiring.
 *
 * The page lives in live-view.html (markup and style) and live-view.js (the script), real files that editors
 * and Biome see. They are put together once, at start: the script goes inline in place of its
 * `<script src>` tag, so the browser still gets one document and fetches nothing but the state.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../common/errors';

/** The tag in live-view.html that the script replaces; live-view.html opened from disk loads live-view.js through it. */
const SCRIPT_TAG = '<script src="live-view.js"></script>';

/**
 * Reads live-view.html and live-view.js from `dir` and returns the page as served: the script inlined.
 *
 * @throws CodedError `ELIVEVIEWPAGE` when live-view.html has no script tag to replace, or the script
 *   would end its inline `<script>` element early.
 * @example
 * const html = buildLiveViewHtml(); // from this module's folder
 */
export function buildLiveViewHtml(dir: string = __dirname): string {
  const html = readFileSync(join(dir, 'live-view.html'), 'utf8');
  const script = readFileSync(join(dir, 'live-view.js'), 'utf8');
  if (html.split(SCRIPT_TAG).length !== 2) {
    throw new CodedError('ELIVEVIEWPAGE', `live view: live-view.html must hold ${SCRIPT_TAG} exactly once`);
  }
  if (/<\/script/i.test(script)) {
    throw new CodedError('ELIVEVIEWPAGE', 'live view: live-view.js must not contain "</script", it is inlined');
  }
  // A function as replacement, so `$&` or `$1` in the script stay as written.
  return html.replace(SCRIPT_TAG, () => `<script>\n${script}</script>`);
}

/** The page as the browser gets it, built once when the live view is loaded. */
export const liveViewHtml = buildLiveViewHtml();
