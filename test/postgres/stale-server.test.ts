import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as readline from 'node:readline';
import { stopStaleServer } from '../../local/postgres/stale-server';

const root = resolve(__dirname, '..', '..');

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

describe('stopStaleServer', () => {
  it('stops a PostgreSQL left running by a parent killed with SIGKILL', async () => {
    // Prepare: a real server under a parent that dies without stopping it, as `kill -9 npm start` does.
    const dataDir = mkdtempSync(join(tmpdir(), 'lrl-pg-stale-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const parent = spawn(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['local/postgres/cli.ts', '--data-dir', dataDir, '--port', String(port)],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines = readline.createInterface({ input: parent.stdout });
    await new Promise<void>((ready, fail) => {
      parent.once('exit', (code) => fail(new Error(`postgres cli exited with ${code}`)));
      lines.on('line', (line) => {
        if (line.includes('"ready":true')) ready();
      });
    });
    lines.close();
    parent.stdout.destroy();
    const serverPid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    parent.removeAllListeners('exit');
    parent.kill('SIGKILL');
    await new Promise((r) => parent.once('exit', r));
    expect(await portFree(port)).toBe(false);

    // Act
    const stopped = await stopStaleServer(dataDir);

    // Assess
    expect(stopped).toBe(serverPid);
    expect(await portFree(port)).toBe(true);
    expect(await stopStaleServer(dataDir)).toBeUndefined();
  }, 90_000);

  it('does nothing for a folder with no server', async () => {
    // Assess
    expect(await stopStaleServer(mkdtempSync(join(tmpdir(), 'lrl-pg-none-')))).toBeUndefined();
  });
});
