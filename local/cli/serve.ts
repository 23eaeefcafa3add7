/**
 * Serves the functions of a synthesized Terraform JSON stack on a local Lambda runtime.
 * Run `npx tsx local/cli/serve.ts --help` for usage.
 */

import { parseOrExit } from '../../common/cli-args';
import { serveLocalLambda } from '../lambda-service';
import { parseServeArgs, USAGE } from './serve-options';

async function main(): Promise<void> {
  const parsed = parseOrExit(() => parseServeArgs(process.argv.slice(2)), USAGE);
  const { quiet, ...options } = parsed;
  const service = await serveLocalLambda({ ...options, log: !quiet });
  const rt = service.runtime;
  if (quiet) for (const w of rt.startupWarnings) process.stderr.write(`warning: ${w}\n`);
  rt.on('warning', (w) => process.stderr.write(`warning: ${w}\n`));
  rt.on('environment', (e) => {
    if (e.type === 'ended' && !quiet) {
      process.stdout.write(
        `[${e.environment.function} ${e.environment.id.slice(0, 8)}] environment ended: ${e.reason}\n`,
      );
    }
  });
  const names = rt.control.names();
  process.stdout.write(
    `Local Lambda listening on ${service.url} with ${names.length} function(s): ${names.join(', ')}\n`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void service.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
