/**
 * `npm start --lambda-mode managed-instances` end to end: the stack synthesized with
 * LAMBDA_MODE=managed-instances (into a folder of its own, CDKTF_OUTDIR, so cdktf.out stays the classic
 * synth the other e2e tests serve), served as a real child process with one environment per function
 * ahead of traffic, and the classic stack next to it for the contrast.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cleanup,
  explained,
  getJson,
  ownDatabase,
  requireArtifacts,
  root,
  type StackProcess,
  snapshotStack,
  startStack,
  tempDir,
} from './support';

const node = require.resolve('node/bin/node');

interface HelloLmi {
  instanceId: string;
  workerId: number;
  served: number;
  inFlight: number;
  peakInFlight: number;
}

interface Environment {
  id: string;
  function: string;
  concurrency?: { max: number; workers: number; inFlight: number; peak: number };
}

/** `LAMBDA_MODE=managed-instances tsx main.ts` into a temp folder (bounded); returns its cdk.tf.json. */
async function synthesizeManagedInstances(): Promise<string> {
  requireArtifacts();
  const outDir = tempDir('lrl-e2e-lmi-synth-');
  const child = spawn(node, ['--import', 'tsx', 'main.ts'], {
    cwd: root,
    env: { ...process.env, LAMBDA_MODE: 'managed-instances', CDKTF_OUTDIR: outDir, CHECKPOINT_DISABLE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('exit', (c) => {
      clearTimeout(timer);
      done(c);
    });
  });
  if (code !== 0) throw new Error(`LAMBDA_MODE=managed-instances synth failed (${code}):\n${output}`);
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const [stack] = Object.values(manifest.stacks);
  if (!stack) throw new Error(`${outDir}/manifest.json lists no stack`);
  return join(outDir, stack.synthesizedStackPath);
}

/** Runs one of the CLIs (`local/cli/<name>.ts`, what its npm script runs) to its end, bounded. */
function runCli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(node, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

const burst = <T>(count: number, url: string) => Promise.all(Array.from({ length: count }, () => getJson<T>(url)));

describe('npm start --lambda-mode managed-instances', () => {
  let lmiStackFile: string;
  let classicStackFile: string;
  let databaseUrl: string;
  let stack: StackProcess;

  beforeAll(async () => {
    [lmiStackFile, classicStackFile, databaseUrl] = await Promise.all([
      synthesizeManagedInstances(),
      snapshotStack(),
      ownDatabase('e2e_lmi'),
    ]);
    stack = await startStack({
      stackFile: lmiStackFile,
      args: [
        '--database-url',
        databaseUrl,
        '--lambda-mode',
        'managed-instances',
        '--lmi-min-environments',
        '1',
        // Requests on a hanging dependency last 1.5 s, so a burst stays in flight together.
        '--env',
        'breaker.BREAKER_TIMEOUT_MS=1500',
      ],
      timeoutMs: 120_000,
    });
  }, 240_000);
  afterAll(async () => {
    await stack?.stop().catch(() => undefined);
    cleanup();
  });

  it('says at start that Managed Instances run, with one environment per function started ahead of traffic', async () => {
    // Act
    const { body: environments } = await getJson<Environment[]>(`${stack.lambdaApi}/_local/environments`);
    // Assess
    await explained(stack, () => {
      const out = stack.output();
      expect(out).toContain('Lambda model: Managed Instances (LAMBDA_MODE=managed-instances)');
      expect(out).toContain('1 environment(s) per function started ahead of traffic (AWS starts 3');
      expect(out).toMatch(/^ {2}hello-lmi\s+1\s+64 per environment\s+1$/m);
      expect(out).toMatch(/^ {2}db\s+1\s+4 per environment\s+1$/m);
      // Before any request: one environment for each function, every one of them LMI.
      const perFunction = new Map<string, number>();
      for (const e of environments) perFunction.set(e.function, (perFunction.get(e.function) ?? 0) + 1);
      expect([...perFunction.values()].every((n) => n === 1)).toBe(true);
      expect(perFunction.size).toBeGreaterThanOrEqual(6);
      expect(environments.every((e) => e.concurrency !== undefined)).toBe(true);
    });
  });

  it('answers 20 concurrent /hello/lmi from one instance, the requests overlapping in it', async () => {
    // Act
    const answers = await burst<HelloLmi>(20, `${stack.httpApi}/hello/lmi?holdMs=300`);
    const { body: environments } = await getJson<Environment[]>(`${stack.lambdaApi}/_local/environments`);
    // Assess
    await explained(stack, () => {
      expect(answers.map((a) => a.status)).toEqual(Array<number>(20).fill(200));
      expect(new Set(answers.map((a) => a.body.instanceId)).size).toBe(1);
      expect(Math.max(...answers.map((a) => a.body.peakInFlight))).toBeGreaterThan(1);
      const env = environments.find((e) => e.id === answers[0]?.body.instanceId);
      expect(env?.function).toMatch(/-hello-lmi$/);
      expect(env?.concurrency?.peak).toBeGreaterThan(1);
      expect(env?.concurrency?.max).toBe(64);
    });
  });

  it('serves concurrent /db from one environment whose pool is sized from its concurrency', async () => {
    // Prepare: the pool size the LMI synth derives for db (4 concurrent invocations on 1 worker: 4).
    const stackJson = JSON.parse(readFileSync(lmiStackFile, 'utf8')) as {
      resource: {
        aws_lambda_function: Record<
          string,
          { function_name: string; environment?: { variables: Record<string, string> } }
        >;
      };
    };
    const db = Object.values(stackJson.resource.aws_lambda_function).find((f) => f.function_name.endsWith('-db'));
    // Act: as many at once as one environment admits (LMI_DB_MAX_CONCURRENCY, 4).
    const answers = await burst<{ instanceId: string; visits: number; pool: { totalCount: number } }>(
      4,
      `${stack.httpApi}/db`,
    );
    // Assess
    await explained(stack, () => {
      expect(db?.environment?.variables.DB_POOL_MAX).toBe('4');
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(new Set(answers.map((a) => a.body.instanceId)).size).toBe(1);
      expect(answers.every((a) => a.body.visits >= 1)).toBe(true);
      // Concurrent invocations of one environment each got a connection of the shared pool, within its size.
      const opened = Math.max(...answers.map((a) => a.body.pool.totalCount));
      expect(opened).toBeGreaterThan(1);
      expect(opened).toBeLessThanOrEqual(4);
    });
  });

  it('throttles past one environment’s capacity, which the HTTP API answers as 500 Internal Server Error', async () => {
    // Act: 10 requests at once on the breaker (4 per environment, one environment) that each hold 1.5 s.
    const answers = await burst<{ message?: string; fromFallback?: boolean }>(
      10,
      `${stack.httpApi}/breaker?fault=hang`,
    );
    // Assess: Lambda's 429 TooManyRequestsException reaches no client of an HTTP API: API Gateway answers
    // 500 for a throttled integration (local/http-api/response.ts, mapResponse, cites AWS's pages).
    await explained(stack, () => {
      const served = answers.filter((a) => a.status === 200);
      const throttled = answers.filter((a) => a.status === 500);
      expect(served).toHaveLength(4);
      expect(served.every((a) => a.body.fromFallback === true)).toBe(true);
      expect(throttled).toHaveLength(6);
      expect(throttled.every((a) => a.body.message === 'Internal Server Error')).toBe(true);
      expect(stack.lines.filter((l) => /^HTTP GET \/breaker .* 500 throttled$/.test(l))).toHaveLength(6);
    });
  });

  it('prints the invocation’s own log tail for npm run invoke while other invocations share its environment', async () => {
    // Act: the CLI's invoke while others keep arriving on the same environment (5 every 500 ms, held 2 s
    // each), so some are in flight whenever the CLI's own invocation runs, however long tsx takes to start.
    const others: Array<Promise<unknown>> = [];
    const wave = (): void => void others.push(burst<HelloLmi>(5, `${stack.httpApi}/hello/lmi?holdMs=2000`));
    wave();
    const waves = setInterval(wave, 500);
    const run = await runCli([
      'local/cli/invoke.ts',
      'hello-lmi',
      '--route',
      'GET /hello/lmi?holdMs=300',
      '--lambda-url',
      stack.lambdaApi,
    ]).finally(() => clearInterval(waves));
    await Promise.all(others);
    // Assess
    await explained(stack, () => {
      expect(run.code).toBe(0);
      const answer = JSON.parse(JSON.parse(run.stdout).body) as HelloLmi;
      expect(answer.inFlight).toBeGreaterThan(1);
      const ids = new Set(
        [...run.stderr.matchAll(/"requestId":"([\w-]+)"|RequestId: ([\w-]+)/g)].map((m) => m[1] ?? m[2]),
      );
      // START, the function's own JSON line and REPORT: all of this invocation, none of the others.
      expect(ids.size).toBe(1);
      expect(run.stderr).toMatch(/"holdMs":300\b.*"message":"hello-lmi"|"message":"hello-lmi".*"holdMs":300\b/);
      expect(run.stderr).toMatch(/^START RequestId: [\w-]+ Version: \$LATEST$/m);
      expect(run.stderr).not.toMatch(/"holdMs":2000/);
      expect(run.stderr).toMatch(/^REPORT RequestId: [\w-]+\tDuration: [\d.]+ ms/m);
    });
  });

  it('answers the same 20 concurrent /hello/lmi from several instances in classic mode', async () => {
    // Prepare
    const classic = await startStack({
      stackFile: classicStackFile,
      args: ['--database-url', databaseUrl, '--lambda-mode', 'classic'],
    });
    try {
      // Act
      const answers = await burst<HelloLmi>(20, `${classic.httpApi}/hello/lmi?holdMs=300`);
      // Assess
      await explained(classic, () => {
        expect(classic.output()).toContain('Lambda model: classic');
        expect(answers.map((a) => a.status)).toEqual(Array<number>(20).fill(200));
        expect(new Set(answers.map((a) => a.body.instanceId)).size).toBeGreaterThan(1);
        expect(answers.every((a) => a.body.peakInFlight === 1)).toBe(true);
      });
    } finally {
      await classic.stop();
    }
  });

  it('refuses to serve the classic stack as Managed Instances, naming the flag and the fix', async () => {
    // Act
    const run = startStack({
      stackFile: classicStackFile,
      args: ['--database-url', databaseUrl, '--lambda-mode', 'managed-instances'],
    });
    // Assess
    await expect(run).rejects.toThrow(
      /ELAMBDAMODE.*is the classic variant of the stack, but --lambda-mode is managed-instances/,
    );
  });
});
