/**
 * A folder of the code cache (`<cacheDir>/code/<digest>`, `<cacheDir>/opt/<digest>`) appears whole or
 * not at all: it is filled under a temporary name and renamed into place, so neither a failed fill nor
 * a reader racing a writer ever sees half of it. Its name is its content's digest, so a folder that
 * exists already holds the same bytes and is kept.
 */

import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/**
 * Makes `dir` by running `fill` on an empty temporary folder beside it, then renaming that into place.
 * Does nothing when `dir` exists. A fill that throws leaves nothing behind; a rename that loses the
 * race to another writer of the same digest keeps theirs.
 *
 * @example
 * await publishFolder('/cache/code/ab12', (temp) => writeFile(path.join(temp, 'index.js'), js));
 */
export async function publishFolder(dir: string, fill: (temp: string) => Promise<void>): Promise<void> {
  if (await exists(dir)) return;
  // The uuid, not only the pid: two loads in one process may publish the same digest at once.
  const temp = `${dir}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await mkdir(temp, { recursive: true });
    await fill(temp);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
  try {
    await rename(temp, dir);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    // Another writer of the same digest renamed first: its folder holds the same bytes.
    if (!(await exists(dir))) throw err;
  }
}
