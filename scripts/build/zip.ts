import { type ZipOptions, zipSync } from 'fflate';

// Local-time constructor on purpose: fflate writes the DOS timestamp from local getters,
// so this yields 1980-01-01 00:00 in every time zone, and the archive bytes never depend on TZ.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
// Unix (3) regular file, mode 0644: Lambda needs the files readable by its sandbox user.
const UNIX = 3;
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;

const fileOptions: ZipOptions = { level: 9, mtime: FIXED_MTIME, os: UNIX, attrs: REGULAR_FILE_0644 };

/**
 * Zips files so the same input always gives the same bytes: fixed timestamp, attributes,
 * compression level, and the order the caller gives.
 *
 * @example
 * const zip = deterministicZip([['index.js', js], ['index.js.map', map]]);
 */
export function deterministicZip(files: readonly (readonly [name: string, data: Uint8Array])[]): Uint8Array {
  const input: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const [name, data] of files) input[name] = [data, fileOptions];
  return zipSync(input);
}
