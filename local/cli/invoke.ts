/**
 * `npm run invoke -- FUNCTION`: one invoke through the running local stack's Invoke API, with the
 * real LambdaClient and LogType Tail, as `sam local invoke -e event.json` is used day to day.
 * Exit codes: 0 done, 1 function error, 2 bad command line (unknown function included),
 * 3 no stack answering or the API refusing the call. Run with --help for the flags.
 */
import { readFileSync } from 'node:fs';
import {
  InvokeCommand,
  type InvokeCommandOutput,
  LambdaClient,
  ListFunctionsCommand,
  type ListFunctionsCommandOutput,
} from '@aws-sdk/client-lambda';
import { formatUsageFailure, parseOrExit, UsageError } from '../../common/cli-args';
import { readableRecord } from '../dev-stack';
import { sampleHttpEvent } from './event-sample';
import { INVOKE_USAGE, type InvokeArgs, invokeDefaults, parseInvokeArgs } from './invoke-options';

const EXIT = { ok: 0, functionError: 1, usage: 2, unreachable: 3 } as const;

/** The event's text: the file, stdin for `-`, or `{}`. A file that cannot be read is a usage error. */
function readEvent(file: string | undefined): string {
  if (file === undefined) return invokeDefaults.event;
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UsageError({
      problem: 'invalid-value',
      flag: '--event',
      value: file,
      allowed: `a readable file (${reason})`,
    });
  }
}

/** What the Invoke API gets: the event as given, or (with --route) the payload 2.0 event around it. */
function payloadFor(args: InvokeArgs, text: string): string {
  if (args.route) return JSON.stringify(sampleHttpEvent({ ...args.route, body: text.length > 0 ? text : undefined }));
  try {
    JSON.parse(text);
  } catch {
    throw new UsageError({
      problem: 'invalid-value',
      flag: '--event',
      value: args.eventFile ?? '',
      allowed: 'a file holding JSON (with --route, any text: it becomes the body)',
    });
  }
  return text;
}

async function listFunctionNames(client: LambdaClient): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page: ListFunctionsCommandOutput = await client.send(new ListFunctionsCommand({ Marker: marker }));
    for (const f of page.Functions ?? []) if (f.FunctionName) names.push(f.FunctionName);
    marker = page.NextMarker;
  } while (marker);
  return names;
}

/**
 * The deployed name for `given`: itself when the stack has it, else the one function whose name
 * ends with `-given` (the catalog's short names: `hello` is `lambda-reuse-lab-dev-hello`).
 */
export function resolveFunctionName(given: string, names: readonly string[]): string {
  if (names.includes(given)) return given;
  const matches = names.filter((n) => n.endsWith(`-${given}`));
  if (matches.length === 1) return matches[0] as string;
  const short = names.map((n) => n.replace(/^.*-/, ''));
  throw new UsageError({
    problem: 'invalid-value',
    flag: 'FUNCTION',
    value: given,
    allowed:
      matches.length > 1 ? `one of ${matches.join(', ')}` : `one of ${short.join(', ')} (or ${names.join(', ')})`,
  });
}

function unreachable(err: unknown): boolean {
  const codes = [err, (err as { cause?: unknown }).cause].map((e) => (e as NodeJS.ErrnoException | undefined)?.code);
  return codes.some((c) => c === 'ECONNREFUSED' || c === 'ECONNRESET' || c === 'EHOSTUNREACH');
}

function print(out: InvokeCommandOutput): number {
  const tail = out.LogResult ? Buffer.from(out.LogResult, 'base64').toString('utf8') : '';
  // A function that logs JSON has a tail of JSON records: shown as the text lines they stand for
  // (START, REPORT...), as npm start shows them, so the output reads the same for either format.
  const lines = tail
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => readableRecord(line) ?? line);
  if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
  const text = out.Payload ? Buffer.from(out.Payload).toString('utf8') : '';
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: shown as it came
  }
  process.stdout.write(`${shown}\n`);
  if (!out.FunctionError) return EXIT.ok;
  let what = '';
  try {
    const e = JSON.parse(text) as { errorType?: string; errorMessage?: string };
    what = `: ${e.errorType ?? 'Error'}${e.errorMessage ? `: ${e.errorMessage}` : ''}`;
  } catch {
    // the body is not an error object
  }
  process.stderr.write(`function error (${out.FunctionError})${what}\n`);
  return EXIT.functionError;
}

async function main(): Promise<number> {
  const args = parseOrExit(() => parseInvokeArgs(process.argv.slice(2)), INVOKE_USAGE);
  const client = new LambdaClient({
    endpoint: args.lambdaUrl,
    region: 'us-east-1',
    // The local Invoke API checks no signature; the SDK needs some credentials to sign with.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    const payload = payloadFor(args, readEvent(args.eventFile));
    const name = resolveFunctionName(args.functionName, await listFunctionNames(client));
    const out = await client.send(
      new InvokeCommand({ FunctionName: name, Payload: Buffer.from(payload), LogType: 'Tail' }),
    );
    return print(out);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(formatUsageFailure(err.message));
      return EXIT.usage;
    }
    if (unreachable(err)) {
      process.stderr.write(
        `error: no local stack answers at ${args.lambdaUrl}: start one with \`npm start\` (in another terminal), or pass --lambda-url\n`,
      );
      return EXIT.unreachable;
    }
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    process.stderr.write(
      `error: the Invoke API at ${args.lambdaUrl} refused the call: ${e.name}${e.$metadata?.httpStatusCode ? ` (${e.$metadata.httpStatusCode})` : ''}: ${e.message}\n`,
    );
    return EXIT.unreachable;
  } finally {
    client.destroy();
  }
}

if (require.main === module) {
  main().then((code) => {
    process.exitCode = code;
  });
}
