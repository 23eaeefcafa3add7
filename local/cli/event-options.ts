/** `npm run event`'s command line: which sample event, and where it goes. */
import { defineCommandLine, formatHelp, parseCommandLine, UsageError } from '../../common/cli-args';
import { HTTP_METHODS, type SampleRequest } from './event-sample';

export const eventCommandLine = defineCommandLine({
  usage: 'npm run event -- http --path /hello [--method GET] [--body TEXT] [--out FILE]',
  description: `Writes a sample event to stdout (or --out FILE), as the local stack would deliver it.
http: an API Gateway HTTP API payload format 2.0 event, built by the local HTTP API's own builder.`,
  positionals: [{ name: '<kind>', description: 'the kind of event: http', required: true }],
  flags: {
    path: {
      type: 'string',
      valueName: '/path',
      allowed: 'a path starting with /, e.g. /hello or /breaker?fault=1',
      required: true,
      description: 'request path (and query)',
    },
    method: {
      type: 'string',
      valueName: 'METHOD',
      allowed: HTTP_METHODS.join(', '),
      default: 'GET',
      description: 'HTTP method',
    },
    body: { type: 'string', valueName: 'TEXT', allowed: 'any text', description: 'request body (as JSON by default)' },
    'content-type': {
      type: 'string',
      valueName: 'TYPE',
      allowed: 'a media type',
      default: 'application/json',
      description: 'Content-Type of the body',
    },
    out: { type: 'string', valueName: 'FILE', allowed: 'a file path', description: 'write here instead of stdout' },
  },
  epilogue: `Example: npm run -s event -- http --path /hello > hello.json && npm run invoke -- hello --event hello.json`,
});

export const EVENT_USAGE = formatHelp(eventCommandLine);

export interface EventArgs {
  readonly kind: 'http';
  readonly request: SampleRequest;
  readonly out?: string;
}

/**
 * @throws UsageError naming the flag and what it accepts.
 * @example
 * parseEventArgs(['http', '--path', '/hello']);
 */
export function parseEventArgs(argv: readonly string[]): EventArgs | 'help' {
  const parsed = parseCommandLine(eventCommandLine, argv);
  if (parsed === 'help') return 'help';
  const [kind] = parsed.positionals;
  if (kind !== 'http') throw new UsageError({ problem: 'invalid-value', flag: '<kind>', value: kind, allowed: 'http' });
  const f = parsed.flags;
  const path = f.path as string;
  if (!path.startsWith('/')) {
    throw new UsageError({
      problem: 'invalid-value',
      flag: '--path',
      value: path,
      allowed: eventCommandLine.flags.path.allowed,
    });
  }
  const method = (f.method ?? 'GET').toUpperCase();
  if (!HTTP_METHODS.includes(method)) {
    throw new UsageError({
      problem: 'invalid-value',
      flag: '--method',
      value: f.method,
      allowed: HTTP_METHODS.join(', '),
    });
  }
  return {
    kind,
    request: {
      method,
      path,
      ...(f.body !== undefined ? { body: f.body } : {}),
      ...(f['content-type'] !== undefined ? { contentType: f['content-type'] } : {}),
    },
    ...(f.out !== undefined ? { out: f.out } : {}),
  };
}
