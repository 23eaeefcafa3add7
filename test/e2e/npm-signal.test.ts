/**
 * `npm start` as a user runs it: npm, then the stack. A SIGINT sent to npm's own pid (not the group)
 * must still stop the stack: npm forwards it, and the script must not put a shell or a wrapper in the way.
 */
import { spawn } from 'node:child_process';
import { cleanup, processAlive, root, snapshotStack, tempDir } from './support';

describe('npm start', () => {
  afterAll(() => cleanup());

  it('stops the whole stack and exits 0 when only npm gets SIGINT', async () => {
    // Prepare
    const stackFile = await snapshotStack();
    const ports = ['--http-port', '0', '--lambda-port', '0', '--ssm-port', '0', '--pg-port', '0'];
    const args = ['start', '--', '--stack', stackFile, ...ports, '--pg-data-dir', tempDir('lrl-e2e-npm-pg-')];
    const npm = spawn('npm', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    npm.stdout.setEncoding('utf8');
    npm.stdout.on('data', (d: string) => {
      out += d;
    });
    const exited = new Promise<number | null>((done) => npm.once('exit', (code) => done(code)));
    const deadline = Date.now() + 90_000;
    while (!out.includes('Ready in ') && Date.now() < deadline && npm.exitCode === null) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(out).toContain('Ready in ');

    // Act
    process.kill(npm.pid as number, 'SIGINT');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);

    // Assess
    if (code === 'timeout') process.kill(-(npm.pid as number), 'SIGKILL');
    expect(code).toBe(0);
    expect(out).toContain('Stopped. Nothing left running.');
    expect(processAlive(npm.pid as number)).toBe(false);
    npm.stdout.destroy();
    npm.stderr.destroy();
  }, 150_000);
});
