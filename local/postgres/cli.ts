/**
 * Runs an embedded PostgreSQL server in its own process until SIGTERM/SIGINT.
 * Prints one JSON line `{"ready":true,"port":N}` on stdout when it accepts connections.
 * Used by the test run's global setup, which must not load ESM-only packages into jest.
 *
 *   tsx local/postgres/cli.ts --data-dir DIR [--port N]
 */
import { defineCommandLine, formatHelp, parseCommandLine, parseOrExit, toNumber } from '../../common/cli-args';
import { startEmbeddedPostgres } from './embedded';

const PORT = { min: 0, max: 65535 } as const;
const postgresCommandLine = defineCommandLine({
  usage: 'tsx local/postgres/cli.ts --data-dir DIR [--port N]',
  description: 'Runs an embedded PostgreSQL server until SIGTERM/SIGINT; prints {"ready":true,"port":N} when ready.',
  flags: {
    'data-dir': {
      type: 'string',
      valueName: 'DIR',
      allowed: 'a folder path',
      required: true,
      description: 'data folder',
    },
    port: {
      type: 'string',
      valueName: 'N',
      allowed: `an integer from ${PORT.min} to ${PORT.max}`,
      default: 5433,
      description: 'port to listen on',
    },
  },
});

async function main(): Promise<void> {
  const { dataDir, port } = parseOrExit(() => {
    const parsed = parseCommandLine(postgresCommandLine, process.argv.slice(2));
    if (parsed === 'help') return 'help';
    const f = parsed.flags;
    return { dataDir: f['data-dir'] as string, port: f.port === undefined ? 5433 : toNumber('--port', f.port, PORT) };
  }, formatHelp(postgresCommandLine));
  const pg = await startEmbeddedPostgres({ dataDir, port });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await pg.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdout.write(`${JSON.stringify({ ready: true, port: pg.port })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`embedded postgres failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
