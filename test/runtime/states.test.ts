import type { EnvironmentEvent, EnvironmentState } from '../../local/runtime';
import { TRANSITIONS } from '../../local/runtime/environment-state';
import { fixture, json, startRuntime, waitFor } from './support';

describe('execution environment states', () => {
  it('reports only state changes its transition table allows, from cold start to shutdown', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo')]);
    const changes: Array<[EnvironmentState, EnvironmentState]> = [];
    rt.on('environment', (e: EnvironmentEvent) => {
      if (e.type === 'state') changes.push([e.from, e.environment.state]);
    });
    // Act
    await rt.invoke('echo', {});
    await waitFor(() => rt.environments()[0]?.state === 'frozen', 2000);
    await rt.invoke('echo', {});
    await rt.stop();
    // Assess
    expect(changes[0]).toEqual(['initializing', 'idle']);
    expect(changes).toContainEqual(['frozen', 'busy']);
    expect(changes.at(-1)?.[1]).toBe('shutdown');
    for (const [from, to] of changes) expect(TRANSITIONS[from]).toContain(to);
  });

  it('lets a configuration update retire a busy environment after its invocation, without waiting for it', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo')]);
    const ended: EnvironmentEvent[] = [];
    rt.on('environment', (e) => {
      if (e.type === 'ended') ended.push(e);
    });
    try {
      const first = json((await rt.invoke('echo', {})).payload);
      const busy = rt.invoke('echo', { sleepMs: 600 });
      await waitFor(() => rt.environments()[0]?.state === 'busy', 2000);
      // Act
      rt.updateFunctionConfiguration('echo', { Environment: { Variables: { CUSTOM: 'v2' } } });
      const successfulWhileBusy = await waitFor(
        () => rt.control.resolve('echo').lastUpdateStatus === 'Successful',
        400,
      );
      const stateWhileRetiring = rt.environments()[0]?.state;
      const answer = json((await busy).payload);
      const next = json((await rt.invoke('echo', {})).payload);
      await waitFor(() => ended.length > 0, 2000);
      // Assess
      expect(successfulWhileBusy).toBe(true);
      expect(stateWhileRetiring).toBe('busy');
      expect(answer.pid).toBe(first.pid);
      expect(next.pid).not.toBe(first.pid);
      expect((next.env as Record<string, unknown>).CUSTOM).toBe('v2');
      expect(ended[0]).toMatchObject({ reason: 'configuration-update', environment: { invocations: 2 } });
    } finally {
      await rt.stop();
    }
  });
});
