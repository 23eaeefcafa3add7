import { PassThrough } from 'node:stream';
import { exitWithParent } from '../../../local/runtime/bootstrap/parent-lifeline';

describe('exitWithParent', () => {
  it('exits with 0 once stdin ends, as when the parent goes away', async () => {
    // Prepare
    const stdin = new PassThrough();
    const exits: number[] = [];
    exitWithParent(stdin, (code) => exits.push(code));

    // Act
    stdin.end();
    await new Promise((r) => setImmediate(r));

    // Assess
    expect(exits[0]).toBe(0);
  });

  it('exits with 0 once stdin closes without ending', async () => {
    // Prepare
    const stdin = new PassThrough();
    const exits: number[] = [];
    exitWithParent(stdin, (code) => exits.push(code));

    // Act
    stdin.destroy();
    await new Promise((r) => setImmediate(r));

    // Assess
    expect(exits).toEqual([0]);
  });

  it('does not exit while stdin stays open, and reads it so data cannot back up', async () => {
    // Prepare
    const stdin = new PassThrough();
    const exits: number[] = [];

    // Act
    exitWithParent(stdin, (code) => exits.push(code));
    stdin.write('noise');
    await new Promise((r) => setImmediate(r));

    // Assess
    expect(exits).toEqual([]);
    expect(stdin.readableFlowing).toBe(true);
    stdin.destroy();
  });
});
