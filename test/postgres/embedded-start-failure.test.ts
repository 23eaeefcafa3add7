import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

function occupyPort(): Promise<{ server: Server; port: number }> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      res({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

describe('embedded PostgreSQL start-up failure', () => {
  it('says why the server exited, from its own log, when its port is taken', async () => {
    // Prepare: a real listener holds the port; a real server process tries to bind it.
    const { server, port } = await occupyPort();
    const dataDir = mkdtempSync(join(tmpdir(), 'lrl-pg-fail-'));
    try {
      // Act
      const child = spawn(
        join(root, 'node_modules', '.bin', 'tsx'),
        ['local/postgres/cli.ts', '--data-dir', dataDir, '--port', String(port)],
        {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((done) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.once('exit', (c) => {
          clearTimeout(timer);
          done(c);
        });
      });
      // Assess
      expect(code).toBe(1);
      expect(stderr).toContain(`PostgreSQL did not start on 127.0.0.1:${port}`);
      expect(stderr).toContain('Address already in use');
    } finally {
      server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
