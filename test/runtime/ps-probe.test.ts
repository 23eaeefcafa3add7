/**
 * The `ps` fallback for machines without /proc (macOS), forced on Linux with LOCAL_LAMBDA_PROC=ps:
 * the probe itself against a real process, then the runtime's freeze and memory checks through it.
 * A `ps` wrapper first on PATH counts the calls, so the tests fail if /proc was read instead.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { procfsProbe, psProbe, selectProcessProbe } from '../../local/runtime/process-probe';
import { fixture, json, startRuntime, waitFor } from './support';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-probe-'));
const calls = path.join(dir, 'ps-calls');
const realPs = ['/usr/bin/ps', '/bin/ps'].find((p) => fs.existsSync(p)) ?? 'ps';
fs.writeFileSync(path.join(dir, 'ps'), `#!/bin/sh\necho "$*" >> '${calls}'\nexec '${realPs}' "$@"\n`, { mode: 0o755 });

const saved = { PATH: process.env.PATH, LOCAL_LAMBDA_PROC: process.env.LOCAL_LAMBDA_PROC };
beforeAll(() => {
  process.env.PATH = `${dir}:${process.env.PATH ?? ''}`;
  process.env.LOCAL_LAMBDA_PROC = 'ps';
});
afterAll(() => {
  process.env.PATH = saved.PATH;
  if (saved.LOCAL_LAMBDA_PROC === undefined) delete process.env.LOCAL_LAMBDA_PROC;
  else process.env.LOCAL_LAMBDA_PROC = saved.LOCAL_LAMBDA_PROC;
  fs.rmSync(dir, { recursive: true, force: true });
});

const psCalls = (): number => (fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').split('\n').length - 1 : 0);

describe('process probe selection', () => {
  it('uses /proc where it exists and ps where it does not, unless LOCAL_LAMBDA_PROC says', () => {
    // Act
    const linux = selectProcessProbe({}, () => true);
    const mac = selectProcessProbe({}, () => false);
    const forced = selectProcessProbe({ LOCAL_LAMBDA_PROC: 'ps' }, () => true);
    // Assess
    expect([linux.kind, mac.kind, forced.kind]).toEqual(['procfs', 'ps', 'ps']);
  });

  it('rejects another LOCAL_LAMBDA_PROC naming the variable and the choices', () => {
    // Act
    const act = () => selectProcessProbe({ LOCAL_LAMBDA_PROC: 'sysctl' });
    // Assess
    expect(act).toThrow('option LOCAL_LAMBDA_PROC is "sysctl"; allowed: procfs or ps');
  });
});

describe('ps probe on a real process', () => {
  it('sees a SIGSTOPped process as T, reads the same RSS as /proc, and nothing once it is gone', async () => {
    // Prepare
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const pid = child.pid as number;
    const viaPs = psProbe.watch(pid);
    const viaProc = procfsProbe.watch(pid);
    try {
      // A moment after spawn it is still the forked parent's copy: wait until Node has loaded.
      await waitFor(() => (viaProc.memory()?.rssKb ?? 0) > 10_000, 5000);
      // Act
      process.kill(pid, 'SIGSTOP');
      await waitFor(() => viaProc.schedulerState() === 'T', 2000);
      const stopped = viaPs.schedulerState();
      const psMemory = viaPs.memory();
      const procMemory = viaProc.memory();
      process.kill(pid, 'SIGCONT');
      await waitFor(() => viaProc.schedulerState() !== 'T', 2000);
      const running = viaPs.schedulerState();
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const gone = { state: viaPs.schedulerState(), memory: viaPs.memory() };
      // Assess: a stopped process's RSS does not move, so both readings agree
      expect(stopped).toBe('T');
      expect(running).not.toBe('T');
      expect(psMemory?.rssKb).toBeGreaterThan(10_000);
      expect(psMemory?.rssKb).toBe(procMemory?.rssKb);
      expect(psMemory?.peakKb).toBe(psMemory?.rssKb);
      expect(gone).toEqual({ state: undefined, memory: undefined });
    } finally {
      viaProc.close();
      child.kill('SIGKILL');
    }
  });
});

describe('the runtime with LOCAL_LAMBDA_PROC=ps', () => {
  it('thaws a self-freezing environment for every invoke, waiting for state T through ps', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo')]);
    try {
      const before = psCalls();
      // Act
      const results = [];
      for (let i = 0; i < 10; i += 1) results.push(json((await rt.invoke('echo', { i })).payload));
      // Assess: one environment served all of them, and the thaws asked ps
      expect(new Set(results.map((r) => r.pid)).size).toBe(1);
      expect(results.map((r) => r.served)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      expect(psCalls() - before).toBeGreaterThanOrEqual(9);
    } finally {
      await rt.stop();
    }
  });

  it('reads Max Memory Used and ends an invocation past the memory size as Runtime.OutOfMemory', async () => {
    // Prepare
    const rt = await startRuntime([fixture('echo', { memorySize: 128 })]);
    try {
      const fine = await rt.invoke('echo', {}, { tail: true });
      // Act
      const tooBig = await rt.invoke('echo', { allocMb: 400 }, { tail: true });
      // Assess
      const fineLog = Buffer.from(fine.logResult ?? '', 'base64').toString();
      const used = Number(/Max Memory Used: (\d+) MB/.exec(fineLog)?.[1]);
      expect(used).toBeGreaterThan(10);
      expect(tooBig.functionError).toBe('Unhandled');
      expect(json(tooBig.payload).errorType).toBe('Runtime.OutOfMemory');
      expect(fs.readFileSync(calls, 'utf8')).toMatch(/-o rss=,stat=,time= -p \d+/);
    } finally {
      await rt.stop();
    }
  });
});
