// The relay floor's environment (bench/runtime-perf.ts): answers every event on its socket at once,
// as JSON, so the floor has the runtime's process structure with none of its work.
//
//   node bench/runtime-perf/relay-env.js <port>
const s = require('node:net').connect(Number(process.argv[2]), '127.0.0.1');
s.setNoDelay(true);
s.on('data', (d) => s.write('{"ok":true}'.repeat(d.length / 2)));
