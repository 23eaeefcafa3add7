import { fixture, json, startRuntime } from './support';

async function ticksWhileIdle(freeze: boolean): Promise<number> {
  const rt = await startRuntime([fixture('ticker')], { freeze });
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
  it('keeps a frozen environment\'s setInterval from ticking while idle', async () => {
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
