import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlreadyRunningError, acquireInstanceLock } from '../../local/dev-stack/instance-lock';

function lockFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'lrl-lock-')), 'npm-start.json');
}

/** A pid that existed a moment ago and does not now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid as number;
  await new Promise((r) => child.once('exit', r));
  return pid;
}

describe('acquireInstanceLock', () => {
  it('creates the folder of its lock file, as a fresh checkout has no .local/ yet', async () => {
    // Prepare
    const file = join(mkdtempSync(join(tmpdir(), 'lrl-lock-')), 'not-yet', 'npm-start.json');

    // Act
    const lock = await acquireInstanceLock(file);

    // Assess
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('refuses a second holder while the first one lives, naming its pid and URLs', async () => {
    // Prepare
    const file = lockFile();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    const first = await acquireInstanceLock(file, sleeper.pid as number);
    await first.update({ 'HTTP API': 'http://127.0.0.1:3000' });

    // Act
    const second = acquireInstanceLock(file);

    // Assess
    await expect(second).rejects.toBeInstanceOf(AlreadyRunningError);
    await expect(second).rejects.toMatchObject({ code: 'EALREADYRUNNING' });
    await expect(second).rejects.toThrow(`pid ${sleeper.pid}`);
    await expect(second).rejects.toThrow('HTTP API http://127.0.0.1:3000');
    sleeper.kill('SIGKILL');
  });

  it('replaces the lock of a holder that died, and says who it was', async () => {
    // Prepare
    const file = lockFile();
    const pid = await deadPid();
    await acquireInstanceLock(file, pid);

    // Act
    const lock = await acquireInstanceLock(file);

    // Assess
    expect(lock.stale?.pid).toBe(pid);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await lock.release();
  });

  it('releases only its own lock', async () => {
    // Prepare
    const file = lockFile();
    const lock = await acquireInstanceLock(file);

    // Act
    await lock.release();
    const again = await acquireInstanceLock(file);

    // Assess
    expect(again.stale).toBeUndefined();
    await again.release();
  });
});
