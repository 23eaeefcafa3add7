import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { buildFunctions, deterministicZip } from '../../scripts/build/index';
import { makeFixture } from './fixture';

describe('function zip', () => {
  let fixture: ReturnType<typeof makeFixture>;
  beforeAll(() => {
    fixture = makeFixture();
  });
  afterAll(() => fixture.cleanup());

  it('unzips to exactly the bundle and its source map, in that order', async () => {
    // Prepare
    const functions = [{ name: 'fixture', entry: fixture.entry }];
    // Act
    const [built] = await buildFunctions({ rootDir: fixture.rootDir, outDir: 'out', functions });
    // Assess
    if (!built) throw new Error('expected one built function');
    const entries = unzipSync(readFileSync(built.zipPath));
    expect(Object.keys(entries)).toEqual(['index.js', 'index.js.map']);
    expect(Buffer.from(entries['index.js'] ?? [])).toEqual(readFileSync(built.bundlePath));
    expect(Buffer.from(entries['index.js.map'] ?? [])).toEqual(readFileSync(built.mapPath));
    expect(built.zipBytes).toBe(readFileSync(built.zipPath).byteLength);
  });

  it('gives the same bytes whatever the machine time zone', () => {
    // Prepare
    const files = [['index.js', Buffer.from('exports.handler = async () => 1;\n')]] as const;
    const originalTz = process.env.TZ;
    try {
      // Act
      process.env.TZ = 'UTC';
      const utc = Buffer.from(deterministicZip(files));
      process.env.TZ = 'Pacific/Kiritimati';
      const plus14 = Buffer.from(deterministicZip(files));
      process.env.TZ = 'America/Los_Angeles';
      const minus8 = Buffer.from(deterministicZip(files));
      // Assess
      expect(plus14.equals(utc)).toBe(true);
      expect(minus8.equals(utc)).toBe(true);
    } finally {
      if (originalTz === undefined) delete process.env.TZ;
      else process.env.TZ = originalTz;
    }
  });

  it('stores files as Unix mode 0644 dated 1980-01-01 00:00', () => {
    // Prepare
    const zip = Buffer.from(deterministicZip([['index.js', Buffer.from('x')]]));
    // Act: read the central directory header (signature 0x02014b50).
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const madeByOs = zip.readUInt8(cd + 5);
    const dosTime = zip.readUInt16LE(cd + 12);
    const dosDate = zip.readUInt16LE(cd + 14);
    const externalAttrs = zip.readUInt32LE(cd + 38);
    // Assess
    expect(madeByOs).toBe(3);
    expect(dosTime).toBe(0);
    expect(dosDate).toBe((0 << 9) | (1 << 5) | 1);
    expect(externalAttrs >>> 16).toBe(0o100644);
  });
});
