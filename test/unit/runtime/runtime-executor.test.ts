import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProcessExecutor, type ProcessExit, type RuntimeProcess } from '../../../local/runtime/runtime-executor';

const node = {
  path: process.execPath,
  major: Number(process.versions.node.split('.')[0]),
  minor: Number(process.versions.node.split('.')[1]),
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-executor-'));

function script(name: string, source: string): string {
  const file = path.join(dir, `${name}.js`);
  fs.writeFileSync(file, source);
  return file;
}

const ticker = script('ticker', `let n = 0; setInterval(() => console.log('tick ' + ++n), 5);`);
const stopsItself = script(
  'stops-itself',
  `setTimeout(() => { process.kill(process.pid, 'SIGSTOP'); console.log('continued'); }, 150); setInterval(() => {}, 1000);`,
);
const politeExit = script(
  'polite',
  `process.on('SIGTERM', () => { console.log('terminating'); process.exit(0); }); console.log('ready'); setInterval(() => {}, 1000);`,
);

/** A started runtime, the lines it wrote and its exit. */
function start(executor: ProcessExecutor, file: string) {
  const lines: string[] = [];
  let exit: ProcessExit | undefined;
  const runtime = executor.start(
    { node, bootstrapFile: file, taskRoot: dir, env: { PATH: process.env.PATH ?? '' }, memorySize: 128 },
    { stdout: (line) => lines.push(line), stderr: (line) => lines.push(line), exit: (e) => (exit = e) },
  );
  return { runtime, lines, exit: () => exit };
}

function schedulerState(pid: number): string {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  return stat.charAt(stat.lastIndexOf(')') + 2);
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('process-per-environment runtime executor', () => {
  const executor = new ProcessExecutor();
  const started: RuntimeProcess[] = [];
  afterEach(() => {
    for (const runtime of started.splice(0)) runtime.kill();
  });
  afterAll(() => {
    executor.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('freezes the process with SIGSTOP so it writes nothing, and thaws it to carry on', async () => {
    // Prepare
    const { runtime, lines } = start(executor, ticker);
    started.push(runtime);
    await until(() => runtime.pid !== undefined && lines.length > 0);
    // Act
    const froze = runtime.freeze();
    await new Promise((r) => setTimeout(r, 50));
    const whileFrozen = lines.length;
    const stateFrozen = schedulerState(runtime.pid as number);
    await new Promise((r) => setTimeout(r, 150));
    const afterWait = lines.length;
    runtime.thaw();
    await until(() => lines.length > afterWait);
    // Assess
    expect(froze).toBe(true);
    expect(stateFrozen).toBe('T');
    expect(afterWait).toBe(whileFrozen);
    expect(runtime.frozen).toBe(false);
  });

  it('continues a client that stops itself even when the thaw comes before it has stopped', async () => {
    // Prepare: the client says it stops itself, and does so 150 ms later.
    const { runtime, lines } = start(executor, stopsItself);
    started.push(runtime);
    await until(() => runtime.pid !== undefined);
    runtime.awaitingEvent(true);
    // Act: a SIGCONT sent now would be lost, leaving it stopped for good.
    runtime.thaw();
    await until(() => lines.includes('continued'), 3000);
    // Assess
    expect(schedulerState(runtime.pid as number)).not.toBe('T');
  });

  it('sends SIGTERM on terminate and reports the exit code the process chose', async () => {
    // Prepare
    const { runtime, lines, exit } = start(executor, politeExit);
    started.push(runtime);
    // Its SIGTERM handler is in place once it says so (a fixed wait loses the race on a loaded machine).
    await until(() => runtime.pid !== undefined && lines.includes('ready'), 5000);
    // Act
    runtime.terminate();
    await until(() => exit() !== undefined);
    // Assess
    expect(lines).toContain('terminating');
    expect(exit()).toEqual({ code: 0, signal: null });
    expect(runtime.exited).toBe(true);
  });

  it('reads its memory while it runs, and reports SIGKILL as the signal that ended it', async () => {
    // Prepare
    const { runtime, exit } = start(executor, ticker);
    started.push(runtime);
    await until(() => runtime.pid !== undefined);
    // Act
    const sample = runtime.memory();
    runtime.kill();
    await until(() => exit() !== undefined);
    // Assess
    expect(sample?.rssKb).toBeGreaterThan(1000);
    expect(sample?.peakKb).toBeGreaterThanOrEqual(sample?.rssKb ?? Infinity);
    expect(exit()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(runtime.memory()).toBeUndefined();
    expect(runtime.freeze()).toBe(false);
  });
});
