import { EventEmitter } from 'node:events';
import { EventLoopDrain } from '../../../local/runtime/bootstrap/event-loop-drain';

describe('EventLoopDrain', () => {
  it('runs waiting callbacks at the next beforeExit, once each', () => {
    // Prepare
    const proc = new EventEmitter();
    const drain = new EventLoopDrain(proc);
    const ran: string[] = [];
    drain.wait(() => ran.push('a'));
    drain.wait(() => ran.push('b'));

    // Act
    const beforeDrain = [...ran];
    proc.emit('beforeExit');
    proc.emit('beforeExit');

    // Assess
    expect(beforeDrain).toEqual([]);
    expect(ran).toEqual(['a', 'b']);
  });

  it('keeps a callback added during a drain for the next one', () => {
    // Prepare
    const proc = new EventEmitter();
    const drain = new EventLoopDrain(proc);
    const ran: string[] = [];
    drain.wait(() => {
      ran.push('first');
      drain.wait(() => ran.push('second'));
    });

    // Act
    proc.emit('beforeExit');
    const afterFirst = [...ran];
    proc.emit('beforeExit');

    // Assess
    expect(afterFirst).toEqual(['first']);
    expect(ran).toEqual(['first', 'second']);
  });
});
