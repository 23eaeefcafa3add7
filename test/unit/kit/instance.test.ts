import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { createInstance, instance } from '../../../functions/kit/instance';

describe('Instance', () => {
  it('reports coldStart only on the first invocation of an environment', () => {
    // Prepare
    const inst = createInstance();
    // Act
    const first = inst.beginInvocation();
    const second = inst.beginInvocation();
    const third = inst.beginInvocation();
    // Assess
    expect(first).toEqual({ invocation: 1, coldStart: true });
    expect(second).toEqual({ invocation: 2, coldStart: false });
    expect(third).toEqual({ invocation: 3, coldStart: false });
  });

  it('gives two environments different random ids', () => {
    // Prepare / Act
    const a = createInstance();
    const b = createInstance();
    // Assess
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.id).not.toBe(b.id);
  });

  it("answers the local runtime's environment id as its id, so responses, logs and the live view agree", () => {
    // Prepare
    const env = { LOCAL_LAMBDA_ENVIRONMENT_ID: '3f2a9c1e8d7b6a5f4e3d2c1b0a998877' };
    // Act
    const inst = createInstance({ env });
    // Assess
    expect(inst.id).toBe('3f2a9c1e8d7b6a5f4e3d2c1b0a998877');
  });

  it('makes its own random id where the variable is absent (AWS) or not a local environment id', () => {
    // Prepare / Act
    const onAws = createInstance({ env: { AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]0123456789abcdef' } });
    const odd = createInstance({ env: { LOCAL_LAMBDA_ENVIRONMENT_ID: 'not hex; <script>' } });
    // Assess
    expect(onAws.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(odd.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('measures its age from init time on the injected clock', () => {
    // Prepare
    let now = 1_000;
    const inst = createInstance({ now: () => now });
    // Act
    now = 3_500;
    // Assess
    expect(inst.initAt).toBe(1_000);
    expect(inst.ageMs()).toBe(2_500);
  });
});

describe('Instance under worker threads (Lambda Managed Instances)', () => {
  /** The kit's instance module as one script, as scripts/build bundles it into a function. */
  const bundled = buildSync({
    entryPoints: [path.join(__dirname, '../../../functions/kit/instance.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  }).outputFiles[0]?.text;
  // Evaluated on its own, the CommonJS bundle gets its own `module` and scope, as Node's loader would give it.
  const script = `const kit = { exports: {} };
    (function (module, exports) {\n${bundled}\n})(kit, kit.exports);
    const { instance } = kit.exports;
    const answer = { id: instance.id, workerId: instance.workerId };
    const { parentPort } = require('node:worker_threads');
    if (parentPort) parentPort.postMessage(answer);
    else process.stdout.write(JSON.stringify(answer));`;

  function loadInWorker(env?: NodeJS.ProcessEnv): Promise<{ id: string; workerId: number; threadId: number }> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(script, { eval: true, ...(env ? { env } : {}) });
      const timer = setTimeout(() => reject(new Error('worker did not answer within 10 s')), 10_000);
      worker.once('message', (m: { id: string; workerId: number }) => {
        clearTimeout(timer);
        resolve({ ...m, threadId: worker.threadId });
        void worker.terminate();
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  it('answers the same instanceId from every worker thread of a process, and a different workerId each', async () => {
    // Prepare
    const env = { ...process.env };
    delete env.LOCAL_LAMBDA_ENVIRONMENT_ID;
    // Act
    const answers = await Promise.all([1, 2, 3].map(() => loadInWorker(env)));
    // Assess
    expect(new Set(answers.map((a) => a.id))).toEqual(new Set([instance.id]));
    expect(answers[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(answers.map((a) => a.workerId)).size).toBe(3);
    expect(answers.map((a) => a.workerId)).toEqual(answers.map((a) => a.threadId));
    expect(answers.map((a) => a.workerId)).not.toContain(instance.workerId);
  });

  it("answers the local runtime's environment id from every worker, as workers inherit the variable", async () => {
    // Prepare
    const env = { ...process.env, LOCAL_LAMBDA_ENVIRONMENT_ID: 'aabbccddeeff00112233445566778899' };
    // Act
    const answers = await Promise.all([1, 2].map(() => loadInWorker(env)));
    // Assess
    expect(answers.map((a) => a.id)).toEqual(['aabbccddeeff00112233445566778899', 'aabbccddeeff00112233445566778899']);
  });

  it('answers a different instanceId from another process (another environment)', async () => {
    // Prepare
    const env = { ...process.env };
    delete env.LOCAL_LAMBDA_ENVIRONMENT_ID;
    // Act
    const out = execFileSync(process.execPath, ['-e', script], { env, timeout: 10_000 }).toString('utf8');
    // Assess
    const other = JSON.parse(out) as { id: string; workerId: number };
    expect(other.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(other.id).not.toBe(instance.id);
    expect(other.workerId).toBe(0);
  });
});
