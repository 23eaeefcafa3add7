// The closed-loop load client of bench/runtime-perf.ts. Run as its own Node process, so it shares
// nothing with the server it measures: a keep-alive node:http Agent, 200 warm-up requests one after
// the other, then `concurrency` loops for the duration. Prints {latencies, elapsed} as JSON.
//
//   node bench/runtime-perf/client.js <url> <ms> <concurrency>
//
// runtime-perf.ts also requires closedLoop() to run the same loop inside its own process (the
// in-process reference and the concurrency-10 rounds), so both clients measure one way.
const http = require('node:http');
const { performance } = require('node:perf_hooks');

const BODY = Buffer.from('{}');

/**
 * Closed-loop load: `warmup.rounds` rounds of `warmup.atOnce` requests at once (not measured), then
 * `concurrency` keep-alive connections, each sending the next POST on reply, for `durationMs`.
 * Resolves the latency of every measured request (ms) and the measured window's length (ms).
 */
async function closedLoop({ url, concurrency, durationMs, warmup }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
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
          headers: { 'content-length': BODY.length },
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
      req.end(BODY);
    });
  // Warm the connections (and the environments) before measuring.
  for (let i = 0; i < warmup.rounds; i += 1) await Promise.all(Array.from({ length: warmup.atOnce }, () => one()));
  latencies.length = 0;
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) await one();
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  return { latencies, elapsed };
}

module.exports = { closedLoop };

if (require.main === module) {
  const [url, ms, concurrency] = process.argv.slice(2);
  closedLoop({ url, concurrency: Number(concurrency), durationMs: Number(ms), warmup: { rounds: 200, atOnce: 1 } })
    .then((result) => process.stdout.write(JSON.stringify(result)))
    .catch((err) => {
      process.stderr.write(String(err?.stack || err));
      process.exit(1);
    });
}
