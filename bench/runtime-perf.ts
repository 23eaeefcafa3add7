/**
 * Local Lambda runtime performance: warm invoke latency, throughput against a bare node:http
 * server (same run, same client), cold-start overhead against `node -e 0`, and the runtime's RSS
 * with 50 environments alive. Prints a table and writes bench/results/runtime-perf.json.
 *
 * The warm-latency client runs in its own Node process, as every real caller of the Invoke API
 * does (an SDK in another process): in-process, the client's own parsing would share the
 * runtime's event loop and thread, which no real deployment does. At concurrency 1 the three
 * processes (client, runtime, environment) run one after another, so two cores are enough.
 * The same client process measures a bare node:http server in this process first: the floor.
 *
 * Each warm run also measures a relay floor: the same client through a node:http server that
 * passes each request over a raw keep-alive TCP socket to a second process answering at once. It
 * has the runtime's process structure (client, server, environment) with none of its work, so it is
 * the lowest warm latency any design with one process per environment could reach on this machine.
 *
 * Concurrency 10 is measured in rounds (bare, then runtime, back to back) and the ratio is the
 * median of the rounds' ratios: on a VM the cost of waking another vCPU varies from minute to
 * minute, and a single pair can land on either side of it.
 *
 * Each round also measures the same handler as a Lambda Managed Instances (LMI) function (2,048 MB, the
 * runtime's defaults: three environments started ahead of traffic, each taking up to 64 invocations at
 * once over its worker threads), reported as % of bare node:http and as × classic, round by round.
 *
 * Run: npx tsx bench/runtime-perf.ts [--seconds 3] [--warm-runs 3] [--rounds 3] [--no-freeze] (--help lists them)
 *
 * `--no-freeze` measures the in-process runtime (warm latency and throughput) with freezing off, to
 * show what the SIGSTOP/SIGCONT between invocations costs; the targets are for freezing on.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { parseOrExit } from '../common/cli-args';
import { serveLocalLambda } from '../local/lambda-service';
import { parseReportFromLogResult } from './log-tail';
import { closedLoop } from './runtime-perf/client';
import { parseRuntimePerfArgs, USAGE } from './runtime-perf/options';
import { percentile, percentileOfSorted } from './stats';

const { seconds, warmRuns, rounds, freeze } = parseOrExit(() => parseRuntimePerfArgs(process.argv.slice(2)), USAGE);
const RESPONSE = Buffer.from('{"ok":true}');

/** The measured latencies, summarised with the project's one percentile definition (bench/stats). */
function loadResult(latencies: number[], elapsedMs: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    rps: sorted.length / (elapsedMs / 1000),
    p50: percentileOfSorted(sorted, 0.5),
    p99: percentileOfSorted(sorted, 0.99),
  };
}

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
}

/** The closed-loop client (bench/runtime-perf/client.js) in this process, one warm-up request per connection. */
async function load(url: string, concurrency: number, durationMs: number): Promise<LoadResult> {
  const { latencies, elapsed } = await closedLoop({
    url,
    concurrency,
    durationMs,
    warmup: { rounds: 1, atOnce: concurrency },
  });
  return loadResult(latencies, elapsed);
}

/** The closed-loop client, a standalone script run in its own Node process (see its header). */
const CLIENT_SCRIPT = path.join(__dirname, 'runtime-perf', 'client.js');
/** The relay floor's environment, answering every event at once. */
const RELAY_ENV_SCRIPT = path.join(__dirname, 'runtime-perf', 'relay-env.js');
/** The measured function's code. */
const HANDLER_SOURCE = path.join(__dirname, 'runtime-perf', 'handler.js');

/** The same closed loop from a separate Node process (the project's Node 24), so the client shares nothing with the server. */
function loadFromProcess(url: string, concurrency: number, durationMs: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      require.resolve('node/bin/node'),
      [CLIENT_SCRIPT, url, String(durationMs), String(concurrency)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`client process exited ${code}: ${err}`));
      const { latencies, elapsed } = JSON.parse(out) as { latencies: number[]; elapsed: number };
      resolve(loadResult(latencies, elapsed));
    });
  });
}

function loadAverage(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

async function bareServer(): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': RESPONSE.length });
      res.end(RESPONSE);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/** node:http server -> raw TCP -> a child process that answers at once: the runtime's structure with none of its work. */
async function relayFloor(): Promise<{ url: string; close: () => void }> {
  const waiting: Array<() => void> = [];
  let envSocket: net.Socket | undefined;
  const hop = net.createServer((socket) => {
    socket.setNoDelay(true);
    envSocket = socket;
    socket.on('data', (d: Buffer) => {
      for (let i = 0; i < d.length / RESPONSE.length; i += 1) waiting.shift()?.();
    });
  });
  await new Promise<void>((r) => hop.listen(0, '127.0.0.1', () => r()));
  const env = spawn(require.resolve('node/bin/node'), [RELAY_ENV_SCRIPT, String((hop.address() as AddressInfo).port)], {
    stdio: 'ignore',
  });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      waiting.push(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': RESPONSE.length });
        res.end(RESPONSE);
      });
      envSocket?.write('{}');
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  for (let i = 0; i < 200 && !envSocket; i += 1) await new Promise((r) => setTimeout(r, 10));
  if (!envSocket) throw new Error('relay floor: its environment process did not connect');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => {
      env.kill('SIGKILL');
      server.close();
      hop.close();
      envSocket?.destroy();
    },
  };
}

/** Waits (bounded) until the LMI function's environments, started ahead of traffic, have finished INIT. */
async function lmiReady(
  rt: { environments(): Array<{ function: string; state: string }> },
  name: string,
): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    const envs = rt.environments().filter((e) => e.function === name && e.state !== 'shutdown');
    if (envs.length > 0 && envs.every((e) => e.state !== 'initializing')) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${name}: its Managed Instances environments did not finish INIT within 10 s`);
}

function nodeStartMs(nodePath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(nodePath, ['-e', '0'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - started));
  });
}

function rssMb(pid: number | 'self'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: res.status, text: await res.text() };
}

/** Starts the serve CLI (bundled) on a one-function stack, brings 50 environments up, reads its RSS. */
async function fleetMemory(
  codeDir: string,
): Promise<{ alive: number; rssMb: number; idleRssMb: number; nodeBaselineMb: number }> {
  const root = path.resolve(__dirname, '..');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-perf-stack-'));
  fs.writeFileSync(
    path.join(work, 'fn.zip'),
    zipSync({ 'index.js': new Uint8Array(fs.readFileSync(path.join(codeDir, 'index.js'))) }),
  );
  const stack = {
    resource: {
      aws_lambda_function: {
        fleet: {
          function_name: 'fleet',
          handler: 'index.handler',
          runtime: 'nodejs24.x',
          memory_size: 128,
          timeout: 10,
          filename: 'fn.zip',
        },
      },
    },
  };
  fs.writeFileSync(path.join(work, 'cdk.tf.json'), JSON.stringify(stack));
  const bundle = path.join(root, '.local', 'bench', 'serve.js');
  fs.mkdirSync(path.dirname(bundle), { recursive: true });
  await build({
    entryPoints: [path.join(root, 'local', 'cli', 'serve.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    outfile: bundle,
    external: ['esbuild'],
    logLevel: 'silent',
  });
  const nodePath = require.resolve('node/bin/node');
  const baseline = spawn(nodePath, ['-e', 'setTimeout(() => {}, 2000)'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const nodeBaselineMb = rssMb(baseline.pid as number);
  baseline.kill('SIGKILL');
  const child = spawn(nodePath, [bundle, '--stack', path.join(work, 'cdk.tf.json'), '--port', '0', '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    const idleRssMb = rssMb(child.pid as number);
    const invokeUrl = `${url}/2015-03-31/functions/fleet/invocations`;
    const results = await Promise.all(Array.from({ length: 50 }, () => post(invokeUrl, '{"sleepMs":1500}')));
    if (results.some((r) => r.status !== 200)) throw new Error('a fleet invoke failed');
    const list = (await (await fetch(`${url}/_local/environments`)).json()) as unknown[];
    await new Promise((r) => setTimeout(r, 300));
    return { alive: list.length, rssMb: rssMb(child.pid as number), idleRssMb, nodeBaselineMb };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-perf-'));
  fs.copyFileSync(HANDLER_SOURCE, path.join(dir, 'index.js'));
  const fn = { handler: 'index.handler', runtime: 'nodejs24.x', memorySize: 128, timeout: 10, codeDir: dir };
  const service = await serveLocalLambda({
    functions: [
      { ...fn, name: 'trivial' },
      { ...fn, name: 'cold' },
      // LMI needs at least 2,048 MB; everything else at the runtime's defaults (see local/runtime/managed-instances.ts).
      { ...fn, name: 'trivial-lmi', memorySize: 2048, managedInstances: {} },
    ],
    port: 0,
    log: false,
    freeze,
    cacheDir: path.join(os.tmpdir(), 'lambda-reuse-lab-bench-cache'),
  });
  const rt = service.runtime;
  const invokeUrl = `${service.url}/2015-03-31/functions/trivial/invocations`;
  const lmiInvokeUrl = `${service.url}/2015-03-31/functions/trivial-lmi/invocations`;
  await lmiReady(rt, 'trivial-lmi');
  const bare = await bareServer();
  const relay = await relayFloor();

  const warmSamples: Array<{
    p50Ms: number;
    p99Ms: number;
    rps: number;
    bareP50Ms: number;
    relayFloorP50Ms: number;
    loadAverage: string;
  }> = [];
  for (let run = 0; run < warmRuns; run += 1) {
    const floor = await loadFromProcess(bare.url, 1, seconds * 1000);
    const relayed = await loadFromProcess(relay.url, 1, seconds * 1000);
    const warm = await loadFromProcess(invokeUrl, 1, seconds * 1000);
    warmSamples.push({
      p50Ms: warm.p50,
      p99Ms: warm.p99,
      rps: warm.rps,
      bareP50Ms: floor.p50,
      relayFloorP50Ms: relayed.p50,
      loadAverage: loadAverage(),
    });
  }
  relay.close();
  const warm1 = {
    p50: median(warmSamples.map((w) => w.p50Ms)),
    p99: median(warmSamples.map((w) => w.p99Ms)),
    rps: median(warmSamples.map((w) => w.rps)),
    bareP50: median(warmSamples.map((w) => w.bareP50Ms)),
    relayFloorP50: median(warmSamples.map((w) => w.relayFloorP50Ms)),
  };
  // For reference only: the same loop with the client inside this process, sharing its event loop.
  const warmInProcess = await load(invokeUrl, 1, seconds * 1000);
  const bareInProcess = await load(bare.url, 1, seconds * 1000);
  const rounds10: Array<{
    bareRps: number;
    runtimeRps: number;
    ratio: number;
    runtimeP50Ms: number;
    lmiRps: number;
    lmiP50Ms: number;
    lmiOverBare: number;
    lmiOverClassic: number;
    loadAverage: string;
  }> = [];
  for (let round = 0; round < rounds; round += 1) {
    const bare10 = await load(bare.url, 10, seconds * 1000);
    const runtime10 = await load(invokeUrl, 10, seconds * 1000);
    const lmi10 = await load(lmiInvokeUrl, 10, seconds * 1000);
    rounds10.push({
      bareRps: bare10.rps,
      runtimeRps: runtime10.rps,
      ratio: runtime10.rps / bare10.rps,
      runtimeP50Ms: runtime10.p50,
      lmiRps: lmi10.rps,
      lmiP50Ms: lmi10.p50,
      lmiOverBare: lmi10.rps / bare10.rps,
      lmiOverClassic: lmi10.rps / runtime10.rps,
      loadAverage: loadAverage(),
    });
  }
  const lmi10 = {
    rps: median(rounds10.map((r) => r.lmiRps)),
    p50: median(rounds10.map((r) => r.lmiP50Ms)),
    overBare: median(rounds10.map((r) => r.lmiOverBare)),
    overClassic: median(rounds10.map((r) => r.lmiOverClassic)),
    environments: rt.environments().filter((e) => e.function === 'trivial-lmi' && e.state !== 'shutdown').length,
  };
  const ratio10 = median(rounds10.map((r) => r.ratio));
  const bare10 = { rps: median(rounds10.map((r) => r.bareRps)) };
  const runtime10 = {
    rps: median(rounds10.map((r) => r.runtimeRps)),
    p50: median(rounds10.map((r) => r.runtimeP50Ms)),
  };
  bare.close();

  // Cold starts: force each with a configuration update, as public benchmarks do, and read Init Duration.
  const nodePath = require.resolve('node/bin/node');
  const nodeStarts: number[] = [];
  // The handler's own INIT is a one-line module (well under a millisecond), so its Init Duration
  // is the runtime's overhead: spawn, Node start, bootstrap, Runtime API connection, handler load.
  const coldOverheads: number[] = [];
  for (let i = 0; i < 15; i += 1) {
    nodeStarts.push(await nodeStartMs(nodePath));
    rt.updateFunctionConfiguration('cold', { Environment: { Variables: { RUN: String(i) } } });
    // As public benchmarks do: wait for the update (and the old environment's shutdown) to finish.
    for (let w = 0; w < 200 && rt.control.resolve('cold').lastUpdateStatus !== 'Successful'; w += 1) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 50));
    const out = await rt.invoke('cold', {}, { tail: true });
    const { initDurationMs } = parseReportFromLogResult(out.logResult, out.requestId);
    if (initDurationMs === null)
      throw new Error(`no Init Duration in the REPORT of a forced cold start (${out.requestId})`);
    coldOverheads.push(initDurationMs);
  }
  nodeStarts.sort((a, b) => a - b);
  coldOverheads.sort((a, b) => a - b);

  await service.stop();

  // The runtime's own RSS with 50 environments alive, measured on a separate serve process (bundled,
  // so no TypeScript loader inflates it), driven over HTTP: 50 concurrent invokes that each sleep.
  const fleet = await fleetMemory(dir);
  const alive = fleet.alive;
  const rssWith50 = fleet.rssMb;
  const rssBefore = fleet.idleRssMb;

  const results = {
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    secondsPerScenario: seconds,
    freeze,
    warmInvokeConcurrency1: {
      client: 'separate Node process, keep-alive node:http Agent',
      p50Ms: warm1.p50,
      p99Ms: warm1.p99,
      rps: warm1.rps,
      bareNodeHttpP50Ms: warm1.bareP50,
      relayFloorP50Ms: warm1.relayFloorP50,
      targetP50Ms: 0.5,
      runs: warmSamples,
      inProcessClient: { p50Ms: warmInProcess.p50, bareNodeHttpP50Ms: bareInProcess.p50, loadAverage: loadAverage() },
    },
    throughputConcurrency10: {
      runtimeRps: runtime10.rps,
      bareNodeHttpRps: bare10.rps,
      ratio: ratio10,
      rounds: rounds10,
      targetRatio: 1 / 3,
      runtimeP50Ms: runtime10.p50,
    },
    managedInstancesConcurrency10: {
      /** The same handler as an LMI function (2,048 MB, runtime defaults), in the same rounds as the figures above. */
      lmiRps: lmi10.rps,
      lmiP50Ms: lmi10.p50,
      bareNodeHttpRps: bare10.rps,
      classicRps: runtime10.rps,
      /** Median over the rounds of LMI ÷ bare node:http. */
      ratioToBare: lmi10.overBare,
      /** Median over the rounds of LMI ÷ classic. */
      ratioToClassic: lmi10.overClassic,
      environments: lmi10.environments,
      targetRatioToBare: 0.5,
      targetRatioToClassic: 3,
      met: lmi10.overBare >= 0.5 && lmi10.overClassic >= 3,
    },
    coldStart: {
      samples: coldOverheads.length,
      /** Init Duration of a one-line handler: spawn to ready. */
      overheadP50Ms: percentileOfSorted(coldOverheads, 0.5),
      nodeDashE0P50Ms: percentileOfSorted(nodeStarts, 0.5),
      targetOverheadP50Ms: 60,
    },
    memory: {
      environmentsAlive: alive,
      runtimeRssMb: rssWith50,
      runtimeIdleRssMb: rssBefore,
      nodeBaselineRssMb: fleet.nodeBaselineMb,
      targetMb: 100,
    },
  };
  const rows: Array<[string, string, string]> = [
    [
      'warm invoke p50, concurrency 1',
      `${warm1.p50.toFixed(3)} ms (p99 ${warm1.p99.toFixed(3)} ms; bare node:http ${warm1.bareP50.toFixed(3)} ms; ` +
        `relay floor ${warm1.relayFloorP50.toFixed(3)} ms; ` +
        `runs ${warmSamples.map((w) => `${w.p50Ms.toFixed(3)} @ load ${w.loadAverage.split(' ')[0]}`).join(', ')}; ` +
        `in-process client ${warmInProcess.p50.toFixed(3)} ms, bare ${bareInProcess.p50.toFixed(3)} ms)`,
      '< 0.5 ms',
    ],
    [
      'throughput, concurrency 10',
      `${(ratio10 * 100).toFixed(1)}% of bare node:http, median of ${rounds10.length} rounds ` +
        `(${rounds10.map((r) => `${r.runtimeRps.toFixed(0)}/${r.bareRps.toFixed(0)} req/s = ${(r.ratio * 100).toFixed(0)}% @ load ${r.loadAverage.split(' ')[0]}`).join('; ')})`,
      '>= 33%',
    ],
    [
      'LMI throughput, concurrency 10',
      `${(lmi10.overBare * 100).toFixed(1)}% of bare node:http (${lmi10.overBare >= 0.5 ? 'met' : 'missed'}), ` +
        `${lmi10.overClassic.toFixed(1)}× classic (${lmi10.overClassic >= 3 ? 'met' : 'missed'}), median of ${rounds10.length} rounds, ` +
        `${lmi10.environments} environment(s) ` +
        `(${rounds10.map((r) => `${r.lmiRps.toFixed(0)} req/s = ${(r.lmiOverBare * 100).toFixed(0)}% / ${r.lmiOverClassic.toFixed(1)}× @ load ${r.loadAverage.split(' ')[0]}`).join('; ')})`,
      '>= 50% of bare and >= 3.0× classic',
    ],
    [
      'cold start overhead p50 (Init Duration, one-line handler)',
      `${results.coldStart.overheadP50Ms.toFixed(1)} ms (node -e 0: ${results.coldStart.nodeDashE0P50Ms.toFixed(1)} ms)`,
      '< 60 ms',
    ],
    [
      'runtime RSS, 50 environments',
      `${rssWith50.toFixed(1)} MB (${alive} alive; ${rssBefore.toFixed(1)} MB with none; bare node ${fleet.nodeBaselineMb.toFixed(1)} MB)`,
      '< 100 MB',
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(
    `Local Lambda runtime performance (${results.machine.cpus} cores, ${results.machine.model}, Node ${process.version}, freeze ${freeze ? 'on' : 'off'})\n`,
  );
  for (const [name, value, target] of rows)
    process.stdout.write(`${name.padEnd(width)}  ${value}  [target ${target}]\n`);
  const outDir = path.join(__dirname, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'runtime-perf.json'), `${JSON.stringify(results, null, 2)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
