// Starts one real PostgreSQL server for the whole test run, in its own process,
// and hands its address to every test file through TEST_DATABASE_URL.
const { spawn } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const readline = require('node:readline');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

module.exports = async function globalSetup() {
  const root = join(__dirname, '..', '..');
  const dataDir = mkdtempSync(join(tmpdir(), 'lrl-test-pg-'));
  const port = await freePort();
  const child = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    ['local/postgres/cli.ts', '--data-dir', dataDir, '--port', String(port)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  globalThis.__TEST_POSTGRES__ = { child, dataDir };
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('embedded PostgreSQL did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with code ${code}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes('"ready":true')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  process.env.TEST_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
};
