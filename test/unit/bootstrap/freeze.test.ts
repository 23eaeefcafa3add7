import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { freeze, SELF_FREEZE_HEADERS } from '../../../local/runtime/bootstrap/freeze';

/** The one-letter state of `pid` in /proc: T is stopped. */
function processState(pid: number): string {
  return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] ?? '';
}

describe('freeze', () => {
  it('stops the process until SIGCONT', async () => {
    // Prepare: a real process to stop (stopping jest itself would stop the test)
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('spawn', resolve));
    const pid = child.pid as number;

    // Act
    freeze(pid);
    await new Promise((r) => setTimeout(r, 50));
    const frozen = processState(pid);
    process.kill(pid, 'SIGCONT');
    await new Promise((r) => setTimeout(r, 50));
    const thawed = processState(pid);
    child.kill('SIGKILL');

    // Assess
    expect(frozen).toBe('T');
    expect(thawed).toBe('S');
  });

  it('tells the runtime with Lambda-Runtime-Local-Freeze: self', () => {
    // Assess
    expect(SELF_FREEZE_HEADERS).toEqual({ 'Lambda-Runtime-Local-Freeze': 'self' });
  });
});
