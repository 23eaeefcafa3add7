/**
 * `npm run build`: one esbuild bundle and one deterministic zip per catalog function, into dist/functions/.
 * Programmatic use goes through `scripts/build` (buildFunctions).
 */
import { buildFunctions, formatSizeTable } from './build/index';

async function main(): Promise<void> {
  const built = await buildFunctions();
  process.stdout.write(`${formatSizeTable(built)}\n`);
}

main().catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`${e.name}${'code' in e ? ` [${String(e.code)}]` : ''}: ${e.message}\n`);
  process.exitCode = 1;
});
