import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The superuser password of an embedded cluster, and whether it was made just now. */
export interface ClusterPassword {
  /** Never print it. */
  readonly password: string;
  readonly created: boolean;
}

/**
 * The password file beside a data folder (`.local/pg` → `.local/pg.password`): outside the cluster,
 * so initdb still gets an empty folder, and one per cluster.
 */
export function passwordFileFor(dataDir: string): string {
  return `${dataDir.replace(/[/\\]+$/, '')}.password`;
}

/**
 * Reads the cluster's password, or generates one (24 random bytes, base64url) and keeps it with
 * mode 600. A fixed password such as `postgres` would let any local process, or a page that reaches
 * the port through a DNS-rebinding trick, log in as superuser.
 *
 * @example
 * const { password } = await loadOrCreatePassword('.local/pg.password');
 */
export async function loadOrCreatePassword(file: string): Promise<ClusterPassword> {
  try {
    const password = (await readFile(file, 'utf8')).trim();
    if (password !== '') {
      // Tighten a file someone loosened: it holds a superuser password.
      await chmod(file, 0o600);
      return { password, created: false };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const password = randomBytes(24).toString('base64url');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { password, created: true };
}
