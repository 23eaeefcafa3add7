/**
 * `npm run invoke` against a real running stack (npm start as a child process), and its function
 * error path against the runtime behind the Invoke API with a fixture that throws (the demo
 * functions answer errors as HTTP responses, never as function errors).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalLambdaService } from '../../local/lambda-service';
import { fixture, serveRuntime } from '../runtime/support';
import { cleanup, ownDatabase, root, type StackProcess, snapshotStack, startStack, tempDir } from './support';

const node = require.resolve('node/bin/node');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `local/cli/invoke.ts` (what `npm run invoke` runs) to its end, bounded; `input` goes to stdin. */
function invokeCli(args: readonly string[], input = ''): Promise<Run> {
  const child = spawn(node, ['--import', 'tsx', 'local/cli/invoke.ts', ...args], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(input);
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('npm run invoke against the running stack', () => {
  let stack: StackProcess;
  beforeAll(async () => {
    stack = await startStack({
      stackFile: await snapshotStack(),
      args: ['--database-url', await ownDatabase('e2e_invoke')],
    });
  });
  afterAll(async () => {
    await stack?.stop().catch(() => undefined);
    cleanup();
  });

  it('invokes a function by its short name and prints the result, the log tail and the REPORT line', async () => {
    // Act
    const run = await invokeCli(['hello', '--lambda-url', stack.lambdaApi]);
    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ statusCode: 200 });
    expect(JSON.parse(JSON.parse(run.stdout).body)).toMatchObject({
      message: 'Hello from lambda-reuse-lab',
      input: {},
    });
    expect(run.stderr).toMatch(/^START RequestId: [\w-]+ Version: \$LATEST$/m);
    expect(run.stderr).toMatch(/"message":"hello"/);
    expect(run.stderr).toMatch(
      /^REPORT RequestId: [\w-]+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: \d+ MB\tMax Memory Used: \d+ MB/m,
    );
  });

  it('wraps the event file in a payload 2.0 event for --route, under the full function name', async () => {
    // Prepare
    const file = join(tempDir('lrl-invoke-'), 'body.json');
    writeFileSync(file, '{"n":1}');
    // Act
    const run = await invokeCli([
      'lambda-reuse-lab-dev-hello',
      '--route',
      'POST /hello?x=1',
      '--event',
      file,
      '--lambda-url',
      stack.lambdaApi,
    ]);
    // Assess
    expect(run.code).toBe(0);
    const { input } = JSON.parse(JSON.parse(run.stdout).body);
    expect(input).toMatchObject({
      version: '2.0',
      routeKey: 'POST /hello',
      rawPath: '/hello',
      rawQueryString: 'x=1',
      queryStringParameters: { x: '1' },
      body: '{"n":1}',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/hello' }, stage: '$default' },
    });
  });

  it('reads the event from stdin with --event -', async () => {
    // Act
    const run = await invokeCli(['hello', '--event', '-', '--lambda-url', stack.lambdaApi], '{"from":"stdin"}');
    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(JSON.parse(run.stdout).body).input).toEqual({ from: 'stdin' });
  });

  it('exits 2 on an unknown function, listing the names it knows', async () => {
    // Act
    const run = await invokeCli(['nosuch', '--lambda-url', stack.lambdaApi]);
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/FUNCTION is "nosuch"; allowed: one of .*hello.*lambda-reuse-lab-dev-hello/);
  });
});

describe('npm run invoke, its errors', () => {
  let service: LocalLambdaService;
  beforeAll(async () => {
    service = await serveRuntime([fixture('echo')]);
  });
  afterAll(() => service?.stop().catch(() => undefined));

  it('exits 1 on a function error and says which error it was', async () => {
    // Prepare
    const file = join(tempDir('lrl-invoke-'), 'throw.json');
    writeFileSync(file, '{"throw":"boom"}');
    // Act
    const run = await invokeCli(['echo', '--event', file, '--lambda-url', service.url]);
    // Assess
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
    expect(run.stderr).toMatch(/^REPORT RequestId: /m);
    expect(run.stderr).toContain('function error (Unhandled): TypeError: boom');
  });

  it('exits 2 on a bad command line or an event file that is not JSON', async () => {
    // Prepare
    const file = join(tempDir('lrl-invoke-'), 'bad.json');
    writeFileSync(file, 'not json');
    // Act
    const badRoute = await invokeCli(['echo', '--route', 'GET', '--lambda-url', service.url]);
    const badEvent = await invokeCli(['echo', '--event', file, '--lambda-url', service.url]);
    const missing = await invokeCli(['echo', '--event', '/nonexistent.json', '--lambda-url', service.url]);
    // Assess
    expect([badRoute.code, badEvent.code, missing.code]).toEqual([2, 2, 2]);
    expect(badRoute.stderr).toContain(`--route is "GET"; allowed: 'METHOD /path'`);
    expect(badEvent.stderr).toContain('allowed: a file holding JSON');
    expect(missing.stderr).toContain('allowed: a readable file (ENOENT)');
  });

  it('says no stack is running when nothing answers at --lambda-url', async () => {
    // Prepare: a port that was just in use, so nothing listens there
    const port = Number(new URL(service.url).port);
    const url = `http://127.0.0.1:${port}`;
    await service.stop();
    // Act
    const run = await invokeCli(['hello', '--lambda-url', url]);
    // Assess
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`no local stack answers at ${url}: start one with \`npm start\``);
  });
});
