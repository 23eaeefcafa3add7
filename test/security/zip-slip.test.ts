import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { unpackZip } from '../../local/stack/load';

describe('unpackZip refuses a package whose entries leave its folder', () => {
  it('throws, writes nothing outside, and leaves no partial extraction behind', async () => {
    // Prepare: a good entry first, so the refusal comes after something was written.
    const work = mkdtempSync(join(tmpdir(), 'lrl-zipslip-'));
    const zipFile = join(work, 'evil.zip');
    writeFileSync(
      zipFile,
      zipSync({ 'index.js': strToU8('exports.handler = async () => 1;'), '../../escaped.js': strToU8('pwned') }),
    );
    const cacheDir = join(work, 'cache');

    // Act
    const unpacking = unpackZip(zipFile, cacheDir);

    // Assess
    await expect(unpacking).rejects.toThrow('Zip entry escapes its folder: ../../escaped.js');
    expect(existsSync(join(work, 'escaped.js'))).toBe(false);
    expect(existsSync(join(cacheDir, 'escaped.js'))).toBe(false);
    expect(readdirSync(join(cacheDir, 'code'))).toEqual([]);
  });
});
