import * as fs from 'node:fs';
import { fixture, json, startRuntime } from './support';

/** The scheduler state of a process: `T` when stopped. */
function processState(pid: number): string {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  return stat.charAt(stat.lastIndexOf(')') + 2);
}

async function ticksWhileIdle(freeze: boolean, environment: Record<string, string> = {}): Promise<number> {
  const rt = await startRuntime([fixture('ticker', { environment })], { freeze });
  try {
    const before = json((await rt.invoke('ticker', {})).payload).ticks as number;
    await new Promise((r) => setTimeout(r, 600));
    const after = json((await rt.invoke('ticker', {})).payload).ticks as number;
    return after - before;
  } finally {
    await rt.stop();
  }
}

describe('freeze between invocations', () => {
  it("keeps a frozen environment's setInterval from ticking while idle", async () => {
    // Act
    const ticks = await ticksWhileIdle(true);
    // Assess: 600 ms idle at a 20 ms interval would be ~30 ticks if it ran
    expect(ticks).toBeLessThanOrEqual(3);
  });

  it('lets the timer tick while idle when freeze is off', async () => {
    // Act
    const ticks = await ticksWhileIdle(false);
    // Assess
    expect(ticks).toBeGreaterThanOrEqual(10);
  });

  it('freezes a runtime client that does not stop itself, from the runtime', async () => {
    // Act: the bootstrap then neither stops itself nor says it does, as any other runtime client
    const ticks = await ticksWhileIdle(true, { LOCAL_LAMBDA_SELF_FREEZE: '0' });
    // Assess
    expect(ticks).toBeLessThanOrEqual(3);
  });

  it("holds an idle environment's process stopped (SIGSTOP) and thaws it for each invoke", async () => {
    const environments: Array<Record<string, string>> = [{}, { LOCAL_LAMBDA_SELF_FREEZE: '0' }];
    for (const environment of environments) {
      // Prepare
      const rt = await startRuntime([fixture('echo', { environment })]);
      try {
        const first = json((await rt.invoke('echo', {})).payload);
        const pid = first.pid as number;
        // Act
        let state = '';
        for (let i = 0; i < 50 && state !== 'T'; i += 1) {
          state = processState(pid);
          if (state !== 'T') await new Promise((r) => setTimeout(r, 10));
        }
        const results = [];
        for (let i = 0; i < 20; i += 1) results.push(json((await rt.invoke('echo', { i })).payload));
        // Assess
        expect(state).toBe('T');
        expect(results.map((r) => r.pid)).toEqual(Array(20).fill(pid));
        expect(results.map((r) => r.served)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
      } finally {
        await rt.stop();
      }
    }
  });

  it('reports a frozen environment as frozen in the environment list', async () => {
    // Prepare
    const rt = await startRuntime([fixture('ticker')]);
    try {
      await rt.invoke('ticker', {});
      // Act
      let state = '';
      for (let i = 0; i < 50 && state !== 'frozen'; i += 1) {
        state = rt.environments()[0]?.state ?? '';
        await new Promise((r) => setTimeout(r, 20));
      }
      // Assess
      expect(state).toBe('frozen');
    } finally {
      await rt.stop();
    }
  });
});
