import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pidAlive, waitFor } from './support';

describe('parent death', () => {
  it('ends a frozen environment when its runtime process is killed with SIGKILL', async () => {
    // Prepare
    const host = spawn(require.resolve('node/bin/node'), ['--import', 'tsx', path.join(__dirname, 'orphan-host.ts')], {
      cwd: path.join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let envPid = 0;
    try {
      envPid = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('host did not report a pid')), 20_000);
        host.stdout.on('data', (c: Buffer) => {
          clearTimeout(timer);
          resolve(Number(c.toString().trim()));
        });
      });
      expect(pidAlive(envPid)).toBe(true);
      // Act
      host.kill('SIGKILL');
      // Assess
      expect(await waitFor(() => !pidAlive(envPid), 5000)).toBe(true);
    } finally {
      host.kill('SIGKILL');
      if (envPid && pidAlive(envPid)) process.kill(envPid, 'SIGKILL');
    }
  });
});
