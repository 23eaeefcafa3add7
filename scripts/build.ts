/**
 * `npm run build`: one esbuild bundle and one deterministic zip per catalog function, into dist/functions/.
 * Programmatic use goes through `scripts/build` (buildFunctions).
 */
import { defineCommandLine, formatHelp, parseCommandLine, parseOrExit } from '../common/cli-args';
import { buildFunctions, formatSizeTable } from './build/index';

const buildCommandLine = defineCommandLine({
  usage: 'npm run build',
  description:
    'Bundles every catalog function with esbuild and packs each into a deterministic zip, in dist/functions/.',
  flags: {},
});

async function main(): Promise<void> {
  parseOrExit(() => parseCommandLine(buildCommandLine, process.argv.slice(2)), formatHelp(buildCommandLine));
  const built = await buildFunctions();
  process.stdout.write(`${formatSizeTable(built)}\n`);
}

main().catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`${e.name}${'code' in e ? ` [${String(e.code)}]` : ''}: ${e.message}\n`);
  process.exitCode = 1;
});
