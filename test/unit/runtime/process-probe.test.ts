import { spawn } from 'node:child_process';
import { parseCpuTime, procfsProbe, psProbe } from '../../../local/runtime/process-probe';

describe('parseCpuTime', () => {
  it("reads ps's time column in both its procps and BSD forms", () => {
    // Act / Assess
    expect(parseCpuTime('00:00:03')).toBe(3000);
    expect(parseCpuTime('1:02.50')).toBe(62_500);
    expect(parseCpuTime('2-01:00:00')).toBe((2 * 24 + 1) * 3_600_000);
  });

  it('answers undefined for anything else', () => {
    // Act / Assess
    expect(parseCpuTime('')).toBeUndefined();
    expect(parseCpuTime('soon')).toBeUndefined();
  });
});

describe('CPU time of a real process', () => {
  it.each([
    ['procfs', procfsProbe],
    ['ps', psProbe],
  ])('grows while the process spins (%s)', async (_kind, probe) => {
    // Prepare: a process that burns CPU until killed
    const child = spawn(process.execPath, ['-e', 'for (;;) {}']);
    try {
      const watcher = probe.watch(child.pid as number);
      const first = watcher.cpuTimeMs() ?? 0;
      // Act: ps refreshes in the background, so read until it passes a second of CPU (4 s at most)
      let used = first;
      const until = Date.now() + 4000;
      while (used < 1000 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        used = watcher.cpuTimeMs() ?? used;
      }
      watcher.close();
      // Assess: procps shows whole seconds, so a second is the least both can show.
      expect(first).toBeLessThan(1000);
      expect(used).toBeGreaterThanOrEqual(1000);
    } finally {
      child.kill();
    }
  });
});
