import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderReport } from '../report';
import type { BenchResults } from '../schema';

/** Where a run's files went. */
export interface WrittenResults {
  readonly json: string;
  readonly html: string;
  readonly latestJson: string;
  readonly latestHtml: string;
}

/** `2026-11-27T19-05-58Z`: sortable, and safe in a file name on every OS. */
function stamp(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/**
 * Renders the report, then writes `<timestamp>-<target>.json` and `.html` into `outDir`, and copies them
 * to `latest.json`/`latest.html`. renderReport validates the results, so that happens once, here too.
 *
 * @throws ResultsSchemaError (from renderReport, before anything is written) when the results do not validate.
 * @example
 * const paths = await writeResults(results, 'bench/results');
 * console.log(paths.html);
 */
export async function writeResults(results: BenchResults, outDir: string): Promise<WrittenResults> {
  const html = renderReport(results);
  await mkdir(outDir, { recursive: true });
  const base = join(outDir, `${stamp(results.generatedAt)}-${results.target}`);
  const paths: WrittenResults = {
    json: `${base}.json`,
    html: `${base}.html`,
    latestJson: join(outDir, 'latest.json'),
    latestHtml: join(outDir, 'latest.html'),
  };
  await writeFile(paths.json, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(paths.html, html);
  await copyFile(paths.json, paths.latestJson);
  await copyFile(paths.html, paths.latestHtml);
  return paths;
}
