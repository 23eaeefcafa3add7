import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EnvironmentEvent } from '../../local/runtime';
import { fixture, json, pidAlive, startRuntime, waitFor } from './support';

function reportOf(logResult: string | undefined): string {
  return (
    Buffer.from(logResult ?? '', 'base64')
      .toString()
      .split('\n')
      .find((l) => l.startsWith('REPORT')) ?? ''
  );
}

describe('environment life cycle', () => {
  it('puts Init Duration in the REPORT of cold starts only', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo')]);
    try {
      // Act
      const cold = reportOf((await rt.invoke('echo', {}, { tail: true })).logResult);
      const warm = reportOf((await rt.invoke('echo', {}, { tail: true })).logResult);
      // Assess
      expect(cold).toMatch(
        /^REPORT RequestId: [\w-]+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms$/,
      );
      expect(warm).toMatch(
        /^REPORT RequestId: [\w-]+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB$/,
      );
    } finally {
      await rt.stop();
    }
  });

  it('reaps an idle environment after the idle timeout and reports why', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo')], { idleTimeoutMs: 300 });
    const ended: EnvironmentEvent[] = [];
    rt.on('environment', (e) => {
      if (e.type === 'ended') ended.push(e);
    });
    try {
      const pid = json((await rt.invoke('echo', {})).payload).pid as number;
      // Act
      const reaped = await waitFor(() => rt.environments().length === 0, 5000);
      // Assess
      expect(reaped).toBe(true);
      expect(ended[0]).toMatchObject({ type: 'ended', reason: 'idle-timeout' });
      expect(await waitFor(() => !pidAlive(pid), 2000)).toBe(true);
      expect(rt.endedEnvironments()).toHaveLength(1);
    } finally {
      await rt.stop();
    }
  });

  it('retires an environment past its max lifetime', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo')], { maxLifetimeMs: 300 });
    try {
      const first = json((await rt.invoke('echo', {})).payload).instance;
      await waitFor(() => rt.environments().length === 0, 5000);
      // Act
      const second = json((await rt.invoke('echo', {})).payload).instance;
      // Assess
      expect(second).not.toBe(first);
      expect(rt.endedEnvironments()[0]?.endReason).toBe('max-lifetime');
    } finally {
      await rt.stop();
    }
  });

  it('makes the next invoke cold after UpdateFunctionConfiguration', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo')]);
    try {
      const before = json((await rt.invoke('echo', {})).payload);
      // Act
      const snapshot = rt.updateFunctionConfiguration('echo', { Environment: { Variables: { CUSTOM: 'v2' } } });
      const after = await rt.invoke('echo', {}, { tail: true });
      // Assess
      expect(snapshot.LastUpdateStatus).toBe('InProgress');
      expect(json(after.payload).instance).not.toBe(before.instance);
      expect((json(after.payload).env as Record<string, unknown>).CUSTOM).toBe('v2');
      expect(reportOf(after.logResult)).toContain('Init Duration');
      expect(await waitFor(() => rt.control.resolve('echo').lastUpdateStatus === 'Successful', 3000)).toBe(true);
    } finally {
      await rt.stop();
    }
  });

  it('delivers SIGTERM to the handler process at shutdown', async () => {
    // Prepare
    const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sigterm-')), 'marker');
    const rt = await startRuntime([fixture('sigterm', { environment: { MARKER_FILE: marker } })]);
    const pid = json((await rt.invoke('sigterm', {})).payload).pid as number;
    // Act
    await rt.stop();
    // Assess
    expect(fs.readFileSync(marker, 'utf8')).toBe(`SIGTERM ${pid}`);
    expect(pidAlive(pid)).toBe(false);
  });

  it('lets an environment busy at shutdown finish its invocation, then run its SIGTERM handler to the end', async () => {
    // Prepare: the handler runs 300 ms; the SIGTERM handler flushes for 600 ms, outliving the invocation.
    // A 1 MB answer makes the request for the next event arrive in a later read than the answer.
    const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sigterm-')), 'marker');
    const rt = await startRuntime([fixture('sigterm', { environment: { MARKER_FILE: marker, FLUSH_MS: '600' } })], {
      shutdownGraceMs: 2000,
    });
    const first = json((await rt.invoke('sigterm', {})).payload).pid as number;
    const busy = rt.invoke('sigterm', { sleepMs: 300, padKb: 1024 });
    await new Promise((r) => setTimeout(r, 100));
    // Act
    await rt.stop();
    const answer = await busy;
    // Assess: the invocation answered, and the flush ran (a frozen process would have been SIGKILLed at the grace)
    expect(json(answer.payload).pid).toBe(first);
    expect(fs.readFileSync(marker, 'utf8')).toBe(`SIGTERM ${first}`);
  });

  it('initialises provisioned environments before the first invoke', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo', { provisionedConcurrency: 2 })]);
    try {
      // Act
      const ready = rt.environments();
      const result = await rt.invoke('echo', {}, { tail: true });
      // Assess
      expect(ready).toHaveLength(2);
      expect(ready.every((e) => e.provisioned)).toBe(true);
      expect(reportOf(result.logResult)).not.toContain('Init Duration');
    } finally {
      await rt.stop();
    }
  });
});
