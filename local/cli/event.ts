/**
 * `npm run event -- http --path /hello`: a sample payload 2.0 event on stdout (or --out FILE),
 * as `sam local generate-event` writes one. Run with --help for the flags.
 */
import { writeFileSync } from 'node:fs';
import { parseOrExit } from '../../common/cli-args';
import { EVENT_USAGE, parseEventArgs } from './event-options';
import { sampleHttpEvent } from './event-sample';

const args = parseOrExit(() => parseEventArgs(process.argv.slice(2)), EVENT_USAGE);
const text = `${JSON.stringify(sampleHttpEvent(args.request), null, 2)}\n`;
if (args.out) writeFileSync(args.out, text);
else process.stdout.write(text);
