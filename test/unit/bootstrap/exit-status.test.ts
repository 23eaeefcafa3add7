import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { reportExitStatus } from '../../../local/runtime/bootstrap/exit-status';
import { tempDir } from './support';

describe('reportExitStatus', () => {
  it('writes "exit <code>" to the status fd as the process exits', () => {
    // Prepare
    const { dir, remove } = tempDir('status');
    const file = path.join(dir, 'status');
    const fd = fs.openSync(file, 'w');
    const proc = new EventEmitter();
    reportExitStatus(proc, fd);

    // Act
    proc.emit('exit', 3);
    fs.closeSync(fd);

    // Assess
    expect(fs.readFileSync(file, 'utf8')).toBe('exit 3\n');
    remove();
  });

  it('stays quiet when nobody reads the fd any more', () => {
    // Prepare: a closed descriptor, as when the runtime is gone
    const { dir, remove } = tempDir('status');
    const fd = fs.openSync(path.join(dir, 'status'), 'w');
    fs.closeSync(fd);
    const proc = new EventEmitter();
    reportExitStatus(proc, fd);

    // Act
    const exiting = () => proc.emit('exit', 1);

    // Assess
    expect(exiting).not.toThrow();
    remove();
  });
});
