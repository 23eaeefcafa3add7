import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Repository root; fixtures live under test/artifacts (git-ignored) so `pg` resolves from node_modules. */
export const repoRoot = resolve(__dirname, '..', '..');

/** A throwaway source tree with one handler that imports pg (whose optional pg-native must stay external). */
export function makeFixture(): { rootDir: string; entry: string; cleanup: () => void } {
  const artifacts = join(repoRoot, 'test', 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const rootDir = mkdtempSync(join(artifacts, 'build-'));
  mkdirSync(join(rootDir, 'src'));
  writeFileSync(
    join(rootDir, 'src', 'greeting.ts'),
    `export function greeting(name: string): string { return 'hello ' + name; }\n`,
  );
  writeFileSync(
    join(rootDir, 'src', 'handler.ts'),
    [
      `import { Pool } from 'pg';`,
      `import { greeting } from './greeting';`,
      `const pool = new Pool({ max: 1 });`,
      `export async function handler(): Promise<{ statusCode: number; body: string }> {`,
      `  return { statusCode: 200, body: JSON.stringify({ message: greeting('fixture'), pool: typeof pool }) };`,
      `}`,
      ``,
    ].join('\n'),
  );
  return { rootDir, entry: 'src/handler.ts', cleanup: () => rmSync(rootDir, { recursive: true, force: true }) };
}
