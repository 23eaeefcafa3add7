import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { publishFolder } from '../stack';

/** A function's code as the runtime takes it: the folder, and Lambda's CodeSha256 and CodeSize. */
export interface CodeFolder {
  readonly codeDir: string;
  readonly codeSha256: string;
  readonly codeSize: number;
}

/**
 * Writes a rebuilt bundle into the code cache as the stack loader unpacks a zip: a fresh folder
 * `<cacheDir>/code/<hex SHA-256 of the zip>`, never one an environment is running from, so a rebuild
 * cannot change the code under a running environment. An existing folder is the same bytes: kept.
 *
 * @example
 * const code = await writeCodeFolder('.local/lambda-cache', rebuilt);
 * runtime.updateFunctionCode('hello', code);
 */
export async function writeCodeFolder(
  cacheDir: string,
  bundle: {
    readonly js: Uint8Array;
    readonly map: Uint8Array;
    readonly zipSha256Base64: string;
    readonly zipBytes: number;
  },
): Promise<CodeFolder> {
  const hex = Buffer.from(bundle.zipSha256Base64, 'base64').toString('hex');
  const dir = path.resolve(cacheDir, 'code', hex);
  await publishFolder(dir, async (temp) => {
    await writeFile(path.join(temp, 'index.js'), bundle.js);
    await writeFile(path.join(temp, 'index.js.map'), bundle.map);
  });
  return { codeDir: dir, codeSha256: bundle.zipSha256Base64, codeSize: bundle.zipBytes };
}
