import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunctions, MissingEntryError } from '../../scripts/build/index';
import { makeFixture } from './fixture';

describe('buildFunctions with a missing entry', () => {
  let fixture: ReturnType<typeof makeFixture>;
  beforeAll(() => {
    fixture = makeFixture();
  });
  afterAll(() => fixture.cleanup());

  it('fails with MissingEntryError naming the function and the file, and builds nothing', async () => {
    // Prepare
    const functions = [
      { name: 'present', entry: fixture.entry },
      { name: 'absent', entry: 'src/not-written-yet.ts' },
    ];
    // Act
    const attempt = buildFunctions({ rootDir: fixture.rootDir, outDir: 'out', functions });
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(MissingEntryError);
    await expect(attempt).rejects.toMatchObject({
      code: 'EMISSINGENTRY',
      name: 'MissingEntryError',
      message: expect.stringContaining('function "absent" -> src/not-written-yet.ts'),
    });
    await expect(attempt).rejects.toMatchObject({
      message: expect.stringContaining(join(fixture.rootDir, 'src', 'not-written-yet.ts')),
    });
    expect(existsSync(join(fixture.rootDir, 'out', 'present.zip'))).toBe(false);
  });

  it('rejects a function name that cannot be a Lambda name, naming the value', async () => {
    // Prepare
    const functions = [{ name: 'bad name!', entry: fixture.entry }];
    // Act
    const attempt = buildFunctions({ rootDir: fixture.rootDir, outDir: 'out', functions });
    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: 'EBUILDOPTIONS',
      message: expect.stringContaining('"bad name!"'),
    });
  });
});
