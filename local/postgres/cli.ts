/**
 * Runs an embedded PostgreSQL server in its own process until SIGTERM/SIGINT.
 * Prints one JSON line `{"ready":true,"port":N}` on stdout when it accepts connections.
 * Used by the test run's global setup, which must not load ESM-only packages into jest.
 *
 *   tsx local/postgres/cli.ts --data-dir DIR [--port N]
 */
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from './embedded';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, port: { type: 'string', default: '5433' } },
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir is required');
  const port = Number(values.port);
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
