// The closed-loop load client of bench/runtime-perf.ts, run as its own Node process so it shares
// nothing with the server it measures: a keep-alive node:http Agent, warm-up requests, then
// `concurrency` loops for the duration. Prints {latencies, elapsed} as JSON.
//
//   node bench/runtime-perf/client.js <url> <ms> <concurrency>
const http = require('node:http');
const { performance } = require('node:perf_hooks');

const [url, ms, concurrency] = process.argv.slice(2);
const target = new URL(url);
const body = Buffer.from('{}');
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const latencies = [];
const one = () =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: { 'content-length': body.length },
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
          latencies.push(performance.now() - started);
          resolve();
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
(async () => {
  for (let i = 0; i < 200; i += 1) await one();
  latencies.length = 0;
  const started = performance.now();
  const until = started + Number(ms);
  await Promise.all(
    Array.from({ length: Number(concurrency) }, async () => {
      while (performance.now() < until) await one();
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  process.stdout.write(JSON.stringify({ latencies, elapsed }));
})().catch((err) => {
  process.stderr.write(String(err?.stack || err));
  process.exit(1);
});
