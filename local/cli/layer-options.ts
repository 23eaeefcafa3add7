/** `--layer ARN=FOLDER`, shared by `npm start` and `serve.ts`: a layer the stack does not declare, from a folder. */
import { UsageError } from '../../common/cli-args';
import { LAYER_VERSION_ARN } from '../stack';

const ALLOWED = 'ARN=FOLDER, ARN a layer version ARN (arn:aws:lambda:<region>:<account>:layer:<name>:<version>)';

/** The flag's entry in a command line's flag table. */
export const layerFlag = {
  type: 'string',
  valueName: 'ARN=FOLDER',
  allowed: ALLOWED,
  multiple: true,
  description: `serve a layer the stack does not declare (a public one, another account's) from a
local folder laid out as its zip (nodejs/node_modules/...); repeatable`,
} as const;

/**
 * `--layer` values by ARN. The folder's existence is checked by the stack loader, at start.
 *
 * @throws UsageError naming `--layer`, the value and what it allows.
 * @example
 * layerFolders(['arn:aws:lambda:us-east-1:123456789012:layer:shared:3=./layers/shared']);
 */
export function layerFolders(texts: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const text of texts) {
    const at = text.indexOf('=');
    const arn = text.slice(0, Math.max(at, 0));
    if (at <= 0 || at === text.length - 1 || !LAYER_VERSION_ARN.test(arn)) {
      throw new UsageError({ problem: 'invalid-value', flag: '--layer', value: text, allowed: ALLOWED });
    }
    out[arn] = text.slice(at + 1);
  }
  return out;
}
