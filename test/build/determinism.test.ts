import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildFunctions } from '../../scripts/build/index';
import { makeFixture } from './fixture';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('buildFunctions determinism', () => {
  let fixture: ReturnType<typeof makeFixture>;
  beforeAll(() => {
    fixture = makeFixture();
  });
  afterAll(() => fixture.cleanup());

  it('builds byte-identical bundles, maps and zips from the same source twice', async () => {
    // Prepare
    const functions = [{ name: 'fixture', entry: fixture.entry }];
    // Act: two builds into different folders at the same depth, so a leaked folder name would show.
    const [first] = await buildFunctions({ rootDir: fixture.rootDir, outDir: 'out-a', functions });
    const [second] = await buildFunctions({ rootDir: fixture.rootDir, outDir: 'out-b', functions });
    // Assess
    if (!first || !second) throw new Error('expected one built function per build');
    expect(first.bundlePath).not.toBe(second.bundlePath);
    expect(sha256(second.bundlePath)).toBe(sha256(first.bundlePath));
    expect(sha256(second.mapPath)).toBe(sha256(first.mapPath));
    expect(sha256(second.zipPath)).toBe(sha256(first.zipPath));
    expect(second.zipSha256Base64).toBe(first.zipSha256Base64);
    expect(first.zipSha256Base64).toBe(createHash('sha256').update(readFileSync(first.zipPath)).digest('base64'));
  });

  it('writes no absolute path into the bundle or its source map', async () => {
    // Prepare
    const functions = [{ name: 'fixture', entry: fixture.entry }];
    // Act
    const [built] = await buildFunctions({ rootDir: fixture.rootDir, outDir: 'out-paths', functions });
    // Assess
    if (!built) throw new Error('expected one built function');
    const js = readFileSync(built.bundlePath, 'utf8');
    const map = JSON.parse(readFileSync(built.mapPath, 'utf8')) as { sources: string[] };
    expect(js).not.toContain(fixture.rootDir);
    expect(readFileSync(built.mapPath, 'utf8')).not.toContain(fixture.rootDir);
    expect(map.sources).toContain('../../src/handler.ts');
    expect(map.sources.every((s) => !s.startsWith('/'))).toBe(true);
  });

  it('bundles pg into a CommonJS file with pg-native left as a runtime require', async () => {
    // Prepare
    const functions = [{ name: 'fixture', entry: fixture.entry }];
    // Act
    const [built] = await buildFunctions({ rootDir: fixture.rootDir, outDir: 'out-cjs', functions });
    // Assess
    if (!built) throw new Error('expected one built function');
    const js = readFileSync(built.bundlePath, 'utf8');
    expect(js).toContain('require("pg-native")');
    expect(js).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
    // Loading the bundle the way Lambda does (CommonJS require) gives the handler.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(built.bundlePath) as { handler: () => Promise<{ statusCode: number; body: string }> };
    const result = await mod.handler();
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ message: 'hello fixture', pool: 'object' });
  });
});
