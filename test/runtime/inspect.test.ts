import * as fs from 'node:fs';
import { createServer } from 'node:net';
import type { InspectorEvent } from '../../local/runtime';
import { fixture, json, startRuntime, waitFor } from './support';

/** The scheduler state of a process: `T` when stopped. */
function processState(pid: number): string {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  return stat.charAt(stat.lastIndexOf(')') + 2);
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

function reportOf(logResult: string | undefined): string {
  const lines = Buffer.from(logResult ?? '', 'base64')
    .toString('utf8')
    .split('\n');
  return lines.find((l) => l.startsWith('REPORT')) ?? '';
}

describe('environments started for a debugger (inspect)', () => {
  it("opens the inspector on 127.0.0.1, whose /json/list answers with the environment's target", async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo')], { inspect: ['echo'] });
    const events: InspectorEvent[] = [];
    rt.on('inspector', (e) => events.push(e));
    try {
      // Act
      await rt.invoke('echo', {});
      const [env] = rt.environments();
      await waitFor(() => rt.environments()[0]?.inspectorUrl !== undefined, 2_000);
      const port = env?.inspectPort as number;
      const list = (await (
        await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(2_000) })
      ).json()) as Array<{ webSocketDebuggerUrl: string }>;
      // Assess
      expect(port).toBeGreaterThanOrEqual(9229);
      expect(list).toHaveLength(1);
      expect(list[0]?.webSocketDebuggerUrl).toBe(rt.environments()[0]?.inspectorUrl);
      expect(list[0]?.webSocketDebuggerUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${port}/`));
      expect(events).toEqual([expect.objectContaining({ functionName: 'echo', environmentId: env?.id, port })]);
    } finally {
      await rt.stop();
    }
  });

  it('leaves the environment running (not frozen) between invocations', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo')], { inspect: true });
    try {
      const { pid } = json((await rt.invoke('echo', {})).payload) as { pid: number };
      // Act: long enough for a freeze to have happened (it follows the response within a loop turn)
      await new Promise((r) => setTimeout(r, 300));
      // Assess
      expect(rt.environments()[0]?.state).toBe('idle');
      expect(processState(pid)).not.toBe('T');
    } finally {
      await rt.stop();
    }
  });

  it('answers an invoke that runs past the timeout, and the REPORT says the timeout is suspended', async () => {
    // Prepare: a 1 s timeout and a 1.5 s sleep
    const rt = await startRuntime([fixture('echo', { timeout: 1 })], { inspect: ['echo'] });
    try {
      // Act
      const result = await rt.invoke('echo', { sleepMs: 1_500 }, { tail: true });
      // Assess
      expect(result.functionError).toBeUndefined();
      expect(json(result.payload).served).toBe(1);
      const report = reportOf(result.logResult);
      expect(report).toContain('\tDebug: timeout suspended');
      expect(report).not.toContain('Status: timeout');
    } finally {
      await rt.stop();
    }
  });

  it('gives each environment its own port and frees it when the environment ends', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo')], { inspect: ['echo'] });
    let ports: number[] = [];
    try {
      // Act: two at once need two environments
      await Promise.all([rt.invoke('echo', { sleepMs: 300 }), rt.invoke('echo', { sleepMs: 300 })]);
      ports = rt.environments().map((e) => e.inspectPort as number);
    } finally {
      await rt.stop();
    }
    // Assess
    expect(new Set(ports).size).toBe(2);
    for (const port of ports) expect(await canBind(port)).toBe(true);
  });

  it('keeps the timeout and the freeze for a function that is not inspected', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo', { timeout: 1 }), fixture('ticker')], { inspect: ['ticker'] });
    try {
      // Act
      const result = await rt.invoke('echo', { sleepMs: 1_500 }, { tail: true });
      // Assess
      expect(result.functionError).toBe('Unhandled');
      expect(reportOf(result.logResult)).toContain('Status: timeout');
      expect(rt.endedEnvironments()[0]?.inspectPort).toBeUndefined();
    } finally {
      await rt.stop();
    }
  });
});
