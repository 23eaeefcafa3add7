import * as fs from 'node:fs';
import { threadFlags } from '../../local/runtime/node-binaries';
import { fixture, json, startRuntime } from './support';

describe('environment process threads', () => {
  it('drops the SIGUSR1 inspector thread only on Node versions that support it, and keeps NODE_OPTIONS choices', () => {
    // Act
    const node24 = threadFlags(undefined, { major: 24, minor: 0 });
    const node22old = threadFlags(undefined, { major: 22, minor: 13 });
    const node22new = threadFlags(undefined, { major: 22, minor: 14 });
    const node20 = threadFlags(undefined, { major: 20, minor: 19 });
    const userChoice = threadFlags('--v8-pool-size=4 --inspect=0', { major: 24, minor: 0 });
    // Assess
    expect(node24).toEqual(['--v8-pool-size=1', '--disable-sigusr1']);
    expect(node22old).toEqual(['--v8-pool-size=1']);
    expect(node22new).toEqual(['--v8-pool-size=1', '--disable-sigusr1']);
    expect(node20).toEqual(['--v8-pool-size=1']);
    expect(userChoice).toEqual([]);
  });

  it('runs a nodejs24.x environment on three threads, each of which freezing must stop and resume', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo')]);
    try {
      // Act
      const { pid } = json((await rt.invoke('echo', {})).payload) as { pid: number };
      const threads = fs
        .readdirSync(`/proc/${pid}/task`)
        .map((t) => fs.readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').trim());
      // Assess
      expect(threads.sort()).toEqual(['DelayedTaskSche', 'MainThread', 'V8Worker']);
    } finally {
      await rt.stop();
    }
  });
});
