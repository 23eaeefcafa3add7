import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LocalLambda, LogEvent } from '../../local/runtime';
import { fixture, json, pidAlive, startRuntime, waitFor } from './support';

describe('failures reset the environment', () => {
  let rt: LocalLambda;
  const lines: LogEvent[] = [];
  beforeAll(async () => {
    rt = await startRuntime([
      fixture('echo', { name: 'short', timeout: 1 }),
      fixture('echo', { name: 'crashy' }),
      fixture('echo', { name: 'small', memorySize: 128 }),
      fixture('echo', { name: 'thrower' }),
    ]);
    rt.on('log', (e) => lines.push(e));
  });
  afterAll(() => rt.stop());

  it('kills a timed-out environment, answers Sandbox.Timedout, and replaces it with a new one', async () => {
    // Prepare
    const first = json((await rt.invoke('short', {})).payload).instance;
    // Act
    const timedOut = await rt.invoke('short', { sleepMs: 3000 }, { tail: true });
    const after = json((await rt.invoke('short', {})).payload).instance;
    // Assess
    expect(timedOut.functionError).toBe('Unhandled');
    expect(json(timedOut.payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${timedOut.requestId} Error: Task timed out after 1.00 seconds`,
    });
    const log = Buffer.from(timedOut.logResult ?? '', 'base64').toString();
    expect(log).toContain('Task timed out after 1.00 seconds');
    expect(log).toMatch(/Status: timeout/);
    expect(after).not.toBe(first);
  });

  it('answers Runtime.ExitError when the process exits, and the next invoke succeeds', async () => {
    // Act
    const crashed = await rt.invoke('crashy', { crash: true });
    const next = await rt.invoke('crashy', {});
    // Assess
    expect(json(crashed.payload)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${crashed.requestId} Error: Runtime exited with error: exit status 3`,
    });
    expect(next.functionError).toBeUndefined();
    expect(json(next.payload).served).toBe(1);
  });

  it('tells an exit code above 128 from a death by signal', async () => {
    // Act: 129 is an exit code the process chose; SIGKILL is a signal (the shell between them sees 129 and 137)
    const exited = await rt.invoke('crashy', { crash: 129 });
    const killed = await rt.invoke('crashy', { signal: 'SIGKILL' });
    const next = await rt.invoke('crashy', {});
    // Assess
    expect(json(exited.payload).errorMessage).toBe(
      `RequestId: ${exited.requestId} Error: Runtime exited with error: exit status 129`,
    );
    expect(json(killed.payload)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${killed.requestId} Error: Runtime exited with error: signal: killed`,
    });
    expect(next.functionError).toBeUndefined();
  });

  it("ends the processes a function started when its environment's process exits, as a sandbox reset does", async () => {
    // Prepare
    const { childPid } = json((await rt.invoke('crashy', { child: true })).payload) as { childPid: number };
    expect(pidAlive(childPid)).toBe(true);
    // Act
    await rt.invoke('crashy', { crash: true });
    // Assess
    expect(await waitFor(() => !pidAlive(childPid), 3000)).toBe(true);
  });

  it('ends an invocation past the memory size as Runtime.OutOfMemory', async () => {
    // Act
    const result = await rt.invoke('small', { allocMb: 400 }, { tail: true });
    // Assess
    expect(result.functionError).toBe('Unhandled');
    expect(json(result.payload).errorType).toBe('Runtime.OutOfMemory');
    expect(Buffer.from(result.logResult ?? '', 'base64').toString()).toMatch(/Error Type: Runtime.OutOfMemory/);
  });

  it('returns a handler error as the function error with its type, keeping the environment', async () => {
    // Prepare
    const before = json((await rt.invoke('thrower', {})).payload).instance;
    // Act
    const result = await rt.invoke('thrower', { throw: 'bad input' });
    const after = json((await rt.invoke('thrower', {})).payload).instance;
    // Assess
    expect(result.functionError).toBe('Unhandled');
    expect(json(result.payload)).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    expect(after).toBe(before);
  });
});

describe('init failure', () => {
  it('reports a failed INIT with INIT_REPORT and retries it within the invoke', async () => {
    // Prepare
    const flag = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'init-once-')), 'flag');
    const rt = await startRuntime([fixture('init-fails-once', { environment: { FLAG_FILE: flag } })]);
    const platform: string[] = [];
    rt.on('log', (e) => {
      if (e.stream === 'platform') platform.push(e.line);
    });
    try {
      // Act
      const result = await rt.invoke('init-fails-once', {}, { tail: true });
      // Assess
      expect(
        platform.some((l) =>
          /^INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error\tError Type: Error$/.test(l),
        ),
      ).toBe(true);
      expect(result.functionError).toBeUndefined();
      expect(json(result.payload)).toEqual({ initialised: true });
    } finally {
      await rt.stop();
    }
  });

  it('answers the init error when the retried INIT fails too, leaving no environment behind', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo', { name: 'missing', handler: 'nothere.handler' })]);
    try {
      // Act
      const result = await rt.invoke('missing', {});
      // Assess
      expect(result.functionError).toBe('Unhandled');
      expect(json(result.payload).errorType).toBe('Runtime.ImportModuleError');
      expect(await waitFor(() => rt.environments().length === 0, 3000)).toBe(true);
    } finally {
      await rt.stop();
    }
  });

  it('reports an INIT over its cap with Status: timeout, retries it under the function timeout, and answers Sandbox.Timedout', async () => {
    // Prepare
    const rt = await startRuntime([fixture('init-slow', { timeout: 1 })], { initTimeoutMs: 500 });
    const platform: string[] = [];
    rt.on('log', (e) => {
      if (e.stream === 'platform') platform.push(e.line);
    });
    try {
      // Act
      const result = await rt.invoke('init-slow', {}, { tail: true });
      // Assess
      expect(platform.some((l) => /^INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: timeout/.test(l))).toBe(
        true,
      );
      expect(
        platform.some((l) => /^INIT_REPORT Init Duration: [\d.]+ ms\tPhase: invoke\tStatus: timeout/.test(l)),
      ).toBe(true);
      expect(result.functionError).toBe('Unhandled');
      expect(json(result.payload)).toEqual({
        errorType: 'Sandbox.Timedout',
        errorMessage: `RequestId: ${result.requestId} Error: Task timed out after 1.00 seconds`,
      });
    } finally {
      await rt.stop();
    }
  });
  it('does not count a successful INIT against the function timeout', async () => {
    // Prepare: INIT takes 1.5 s, the timeout is 1 s; on Lambda INIT has its own 10 s cap.
    const rt = await startRuntime([fixture('init-longer-than-timeout', { timeout: 1 })]);
    try {
      // Act
      const result = await rt.invoke('init-longer-than-timeout', {});
      // Assess
      expect(result.functionError).toBeUndefined();
      expect(json(result.payload)).toEqual({ ok: true });
    } finally {
      await rt.stop();
    }
  });
});
