/** `npm run invoke`'s command line: the function, its event, and where the local stack listens. */
import { defineCommandLine, formatHelp, parseCommandLine, UsageError } from '../../common/cli-args';
import { parseRoute } from './event-sample';

export const invokeDefaults = {
  lambdaUrl: 'http://127.0.0.1:3002',
  /** The event when neither --event nor --route is given. */
  event: '{}',
} as const;

const ROUTE_ALLOWED = "'METHOD /path', e.g. 'GET /hello' or 'GET /breaker?fault=1'";

export const invokeCommandLine = defineCommandLine({
  usage: "npm run invoke -- FUNCTION [--event FILE|-] [--route 'GET /hello'] [--lambda-url URL]",
  description: `Invokes a function of the running local stack (npm start) through its Invoke API, as
\`aws lambda invoke --log-type Tail\` would, and prints the result on stdout, the log tail and the
REPORT line on stderr. Exits 0, 1 on a function error (saying which), 2 on a bad command line.`,
  positionals: [
    {
      name: 'FUNCTION',
      description: 'a short name (hello, db, config...) or the deployed name (lambda-reuse-lab-dev-hello)',
      required: true,
    },
  ],
  flags: {
    event: {
      type: 'string',
      valueName: 'FILE|-',
      allowed: 'a JSON file, or - for stdin',
      description: 'the event (default {}); with --route, the request body',
    },
    route: {
      type: 'string',
      valueName: "'METHOD /path'",
      allowed: ROUTE_ALLOWED,
      description: 'wrap the event in an HTTP API payload 2.0 event for this request',
    },
    'lambda-url': {
      type: 'string',
      valueName: 'URL',
      allowed: 'an http:// URL on this machine',
      default: invokeDefaults.lambdaUrl,
      description: "the local stack's Lambda Invoke API",
    },
  },
  epilogue: `Examples:
  npm run invoke -- hello
  npm run invoke -- hello --route 'GET /hello'
  echo '{"n":1}' | npm run invoke -- db --route 'POST /db' --event -`,
});

export const INVOKE_USAGE = formatHelp(invokeCommandLine);

export interface InvokeArgs {
  readonly functionName: string;
  /** A file, `-` for stdin, or undefined for the default event. */
  readonly eventFile?: string;
  readonly route?: { readonly method: string; readonly path: string };
  readonly lambdaUrl: string;
}

/**
 * @throws UsageError naming the flag and what it accepts.
 * @example
 * parseInvokeArgs(['hello', '--route', 'GET /hello']);
 */
export function parseInvokeArgs(argv: readonly string[]): InvokeArgs | 'help' {
  const parsed = parseCommandLine(invokeCommandLine, argv);
  if (parsed === 'help') return 'help';
  const f = parsed.flags;
  const functionName = parsed.positionals[0] as string;
  let route: InvokeArgs['route'];
  if (f.route !== undefined) {
    route = parseRoute(f.route);
    if (!route)
      throw new UsageError({ problem: 'invalid-value', flag: '--route', value: f.route, allowed: ROUTE_ALLOWED });
  }
  const lambdaUrl = f['lambda-url'] ?? invokeDefaults.lambdaUrl;
  if (!/^http:\/\/[^/]+(\/.*)?$/.test(lambdaUrl)) {
    throw new UsageError({
      problem: 'invalid-value',
      flag: '--lambda-url',
      value: lambdaUrl,
      allowed: invokeCommandLine.flags['lambda-url'].allowed,
    });
  }
  return {
    functionName,
    lambdaUrl,
    ...(f.event !== undefined ? { eventFile: f.event } : {}),
    ...(route ? { route } : {}),
  };
}
