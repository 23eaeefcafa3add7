/**
 * `npm run smoke`: checks the reuse claims against a stack (local, started here; deployed; or any running
 * one given by --url) and prints a table. Run `npm run smoke -- --help` for usage.
 */
import { resolve } from 'node:path';
import { parseOrAnswer } from '../common/cli-args';
import { formatSmokeTable, httpGetter, parseSmokeArgs, runSmoke, SMOKE_USAGE, type SmokeOptions } from './smoke';
import { readStackOutputs, startBenchDevStack } from './targets';

const rootDir = resolve(__dirname, '..');

/** The HTTP API to check, and what to stop afterwards. */
async function openStack(
  o: SmokeOptions,
  log: (line: string) => void,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const nothing = async (): Promise<void> => {};
  if (o.url !== undefined) return { url: o.url, stop: nothing };
  if (o.target === 'aws') {
    const outputs = await readStackOutputs({
      stack: o.stack,
      rootDir,
      ...(o.outputsFile !== undefined ? { outputsFile: o.outputsFile } : {}),
      ...(o.tool !== undefined ? { tool: o.tool } : {}),
    });
    return { url: outputs.apiUrl, stop: nothing };
  }
  log('Starting the local stack (PostgreSQL, SSM, Secrets Manager, Lambda runtime, HTTP API)...');
  const stack = await startBenchDevStack({ rootDir, build: o.build, onProgress: log });
  return { url: stack.httpApiUrl, stop: () => stack.stop() };
}

/**
 * Runs the smoke check from command-line arguments; returns the exit code: 0 when every check holds,
 * 1 on any miss, 2 on a bad command line.
 *
 * @example
 * process.exitCode = await main(['--url', 'http://127.0.0.1:3000']);
 */
export async function main(
  argv: readonly string[],
  write: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  // `write` stays the one output, so a test reads help and usage errors too.
  const parsed = parseOrAnswer(() => parseSmokeArgs(argv), SMOKE_USAGE, write);
  if ('exitCode' in parsed) return parsed.exitCode;
  const options = parsed.options;
  const stack = await openStack(options, (line) => write(`${line}\n`));
  try {
    write(`Smoke check of ${stack.url} (${options.target})\n\n`);
    const rows = await runSmoke(httpGetter(stack.url, options.requestTimeoutMs));
    write(`${formatSmokeTable(rows)}\n\n`);
    const misses = rows.filter((r) => !r.ok).length;
    write(misses === 0 ? `All ${rows.length} checks hold.\n` : `${misses} of ${rows.length} checks missed.\n`);
    return misses === 0 ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `smoke failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
