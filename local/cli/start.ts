/**
 * `npm start`: the whole stack on this machine. Builds the functions, synthesizes the CDKTF stack and
 * serves it: HTTP API, local Lambda runtime (+ live view), local SSM and PostgreSQL.
 * Run `npm start -- --help` for the flags.
 */
import { performance } from 'node:perf_hooks';
import { parseOrExit } from '../../common/cli-args';
import { type DevStack, devStackDefaults, formatLogEvent, formatSummary, startDevStack } from '../dev-stack';
import { parseStartArgs, USAGE } from './start-options';

/** Repeats of a signal within this window are the same Ctrl-C, relayed. */
const repeatWindowMs = 1_500;
async function main(): Promise<void> {
  const parsed = parseOrExit(() => parseStartArgs(process.argv.slice(2), process.env), USAGE);
  const out = (line: string): void => void process.stdout.write(line);
  const started = performance.now();
  let stack: DevStack | undefined;
  let signalled: NodeJS.Signals | undefined;
  let short = (name: string): string => name;

  const shutdown = async (): Promise<void> => {
    if (!stack) return;
    const live = stack.runtime.environments().length;
    out(
      `\nStopping: ${live} environment(s) get SIGTERM, then PostgreSQL${stack.database.kind === 'embedded' ? '' : ' (external: left running)'} ...\n`,
    );
    await stack.stop();
    out('Stopped. Nothing left running.\n');
  };
  let signalledAt = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) {
      // A terminal's Ctrl-C reaches this process twice: from the terminal, and relayed by the tsx
      // (or npm) wrapper. Only a later, deliberate second Ctrl-C means "stop waiting".
      if (Date.now() - signalledAt < repeatWindowMs) return;
      out(`\n${signal} again: exiting now.\n`);
      process.exit(130);
    }
    signalled = signal;
    signalledAt = Date.now();
    if (!stack) return; // still starting: stopped as soon as the start completes
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while stopping: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  stack = await startDevStack({
    ...parsed.options,
    onProgress: (line) => out(`- ${line}\n`),
    onHttpLog: (line) => out(`${line}\n`),
    onWatch: (line) => out(`${line}\n`),
    ...(parsed.quiet ? {} : { onLog: (event) => out(formatLogEvent(event, short)) }),
  });
  const names = new Map(stack.endpoints.map((e) => [e.functionName, e.shortName]));
  short = (name) => names.get(name) ?? name;
  stack.runtime.on('environment', (e) => {
    if (e.type === 'ended' && !parsed.quiet) {
      const env = e.environment;
      out(
        `[${short(env.function)} ${env.id.slice(0, 8)}] SHUTDOWN (${e.reason}) after ${env.invocations} invocation(s)\n`,
      );
    }
  });
  stack.runtime.on('warning', (w) => process.stderr.write(`warning: ${w}\n`));
  stack.runtime.on('inspector', (e) =>
    out(
      `[${short(e.functionName)} ${e.environmentId.slice(0, 8)}] debugger on 127.0.0.1:${e.port}: open chrome://inspect, or attach VS Code to port ${e.port} (docs/debugging.md)\n`,
    ),
  );
  if (signalled) {
    await shutdown();
    process.exit(0);
  }
  out(formatSummary(stack, { rootDir: process.cwd(), startedInMs: performance.now() - started }));
  if (stack.watching) out(`Watching ${stack.watching}: a change rebuilds the functions that import it.\n`);
  if (stack.inspected.length > 0) {
    const names = stack.inspected.map(short).join(', ');
    out(
      `Debugging ${names}: each environment opens the inspector on 127.0.0.1 from port ${devStackDefaults.inspectPort} up (printed as it starts); no freeze, no timeout.\n`,
    );
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    const e = err as Error & { code?: string };
    process.stderr.write(`error: ${e.name}${e.code ? ` [${e.code}]` : ''}: ${e.message}\n`);
    process.exit(1);
  });
}
