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
  ])('reads the CPU time a process has used (%s)', async (_kind, probe) => {
    // Prepare: a process that burns 1.2 s of its own CPU time (however long a loaded machine takes to give
    // it that), says so, then idles until killed
    const child = spawn(
      process.execPath,
      [
        '-e',
        "do { const t = Date.now() + 10; while (Date.now() < t) {} } while (process.cpuUsage().user < 1.2e6); process.stdout.write('ready\\n'); setInterval(() => {}, 1000);",
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the child did not burn 1.2 s of CPU within 30 s')), 30_000);
        child.stdout?.once('data', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      const watcher = probe.watch(child.pid as number);
      // Act: ps answers from its last sample and refreshes in the background, so read until it has one (5 s at most)
      let used = watcher.cpuTimeMs() ?? 0;
      const until = Date.now() + 5000;
      while (used < 1000 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        used = watcher.cpuTimeMs() ?? used;
      }
      watcher.close();
      // Assess: procps shows whole seconds, so a second is the least both can show.
      expect(used).toBeGreaterThanOrEqual(1000);
      expect(used).toBeLessThan(60_000);
    } finally {
      child.kill();
    }
  });
});
