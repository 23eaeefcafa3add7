/**
 * The `/opt` equivalent of a function: its layers' content merged in order into one folder under the
 * cache, keyed by the layers' digests so the same layers in the same order are merged once.
 *
 * AWS: "The order in which you add the layers is the order in which Lambda merges the layer content
 * into the execution environment" (https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html),
 * loaded into /opt (https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html). A file that
 * two layers hold comes from the later one, which is what copying them in order over each other gives.
 */

import { createHash } from 'node:crypto';
import { cp, readdir, readFile, readlink, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { publishFolder } from './cache-folder';

/** One layer's content, ready to merge. */
export interface UnpackedLayer {
  readonly dir: string;
  /** Hex digest of the content (the zip's SHA-256, or the folder's tree hash). */
  readonly digest: string;
}

/**
 * A digest of a folder's tree: every path, file content and symlink target, in a stable order.
 *
 * @example
 * const digest = await folderDigest('/home/me/layers/shared');
 */
export async function folderDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = path.join(rel, e.name);
      const full = path.join(dir, child);
      if (e.isSymbolicLink()) hash.update(`l\0${child}\0${await readlink(full)}\0`);
      else if (e.isDirectory()) {
        hash.update(`d\0${child}\0`);
        await walk(child);
      } else if (e.isFile()) {
        const bytes = await readFile(full);
        hash.update(`f\0${child}\0${bytes.length}\0`).update(bytes);
      }
    }
  };
  await walk('');
  return hash.digest('hex');
}

/**
 * Merges layers in order into `<cacheDir>/opt/<key>`, later layers overwriting earlier files; returns
 * the folder. An existing merge with the same key is reused.
 *
 * @example
 * const optDir = await mergeLayers([{ dir: '/cache/code/ab12', digest: 'ab12' }], '.local/lambda-cache');
 */
export async function mergeLayers(layers: readonly UnpackedLayer[], cacheDir: string): Promise<string> {
  const key = createHash('sha256')
    .update(layers.map((l) => l.digest).join('\n'))
    .digest('hex');
  const dir = path.resolve(cacheDir, 'opt', key);
  await publishFolder(dir, async (temp) => {
    for (const layer of layers) await cp(layer.dir, temp, { recursive: true, force: true });
  });
  return dir;
}

/** Whether `dir` is a folder (for the caller's layer folders, checked at start). */
export async function isFolder(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
