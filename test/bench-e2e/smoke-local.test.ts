import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { main } from '../../bench/smoke-cli';
import { cleanup, root, type StackProcess, snapshotStack, startStack } from '../e2e/support';

/** Runs `npm run smoke`'s entry point as a child process, bounded in time. */
function runSmokeCommand(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'bench/smoke-cli.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const limit = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run smoke against the local stack', () => {
  let stack: StackProcess;

  // What `npm start` runs, as a child process on free ports with a temp PostgreSQL data folder.
  beforeAll(async () => {
    stack = await startStack({ stackFile: await snapshotStack() });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    cleanup();
  });

  it('holds every claim: one instance sequentially, new ones concurrently, pooled pid, config in memory, breaker opens', async () => {
    // Act
    const run = await runSmokeCommand(['--target', 'local', '--url', stack.httpApi]);
    // Assess
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^check\s+expected\s+seen\s+ok$/m);
    const rows = run.stdout.split('\n').filter((l) => /\s(ok|MISS)$/.test(l) && !l.startsWith('check '));
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.endsWith('MISS'))).toEqual([]);
    expect(run.stdout).toContain('All 8 checks hold.');
    expect(run.code).toBe(0);
  }, 120_000);
});

describe('npm run smoke when a claim does not hold', () => {
  let fakeStack: Server;
  let url: string;

  beforeAll(async () => {
    // A fake stack: a new instanceId on every /hello (no reuse at all), 404 for everything else.
    fakeStack = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/hello') res.end(JSON.stringify({ instanceId: randomUUID(), invocation: 1 }));
      else res.writeHead(404).end(JSON.stringify({ message: 'Not Found' }));
    });
    await new Promise<void>((resolve) => fakeStack.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(fakeStack.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => fakeStack.close(resolve)));

  it('exits 1 and marks the miss, saying what it saw', async () => {
    // Prepare
    let out = '';
    // Act
    const code = await main(['--url', url], (text) => {
      out += text;
    });
    // Assess
    expect(code).toBe(1);
    const sequential = out.split('\n').find((l) => l.startsWith('hello: sequential calls reuse one environment'));
    expect(sequential).toMatch(/5 instanceId\(s\).*MISS$/);
    expect(out.split('\n').find((l) => l.startsWith('db: the pooled'))).toMatch(/HTTP 404.*MISS$/);
    expect(out).toContain('7 of 8 checks missed.');
  });

  it('tries a bigger burst when the first one was served by one environment, as a fast /hello can be', async () => {
    // Prepare: a fake stack that answers the first 15 /hello calls from one instance, then from new ones.
    let calls = 0;
    const serial = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      calls += 1;
      const instanceId = req.url === '/hello' && calls <= 15 ? 'one' : randomUUID();
      res.end(JSON.stringify({ instanceId, invocation: calls }));
    });
    await new Promise<void>((resolve) => serial.listen(0, '127.0.0.1', resolve));
    let out = '';

    // Act
    await main(['--url', `http://127.0.0.1:${(serial.address() as AddressInfo).port}`], (text) => {
      out += text;
    });
    await new Promise((resolve) => serial.close(resolve));

    // Assess: 5 sequential calls, a burst of 10 on 'one', then a burst of 20 with new ids.
    const line = out.split('\n').find((l) => l.startsWith('hello: 10 concurrent calls start new environments'));
    expect(line).toMatch(/\(burst 2 of 20\)\s+ok$/);
  });

  it('exits 2 on a bad flag, naming it and what it accepts', async () => {
    // Prepare
    const outputs: string[] = [];
    // Act
    const unknown = await main(['--targte', 'aws'], (t) => outputs.push(t));
    const badTarget = await main(['--target', 'gcp'], (t) => outputs.push(t));
    const awsOnly = await main(['--tofu'], (t) => outputs.push(t));
    // Assess
    expect([unknown, badTarget, awsOnly]).toEqual([2, 2, 2]);
    expect(outputs[0]).toContain('unknown flag "--targte"; allowed: --target');
    expect(outputs[1]).toContain('--target is "gcp"; allowed: local or aws');
    expect(outputs[2]).toContain('--tofu is "true"; allowed: only with --target aws');
  });
});
