// Host process for the orphan test: starts a runtime, serves one invoke (the environment then
// freezes), prints the environment's pid, and waits to be killed.
import { fixture, startRuntime } from './support';

void (async () => {
  const rt = await startRuntime([fixture('echo')]);
  const out = JSON.parse((await rt.invoke('echo', {})).payload.toString()) as { pid: number };
  process.stdout.write(`${out.pid}\n`);
  setInterval(() => undefined, 1000);
})();
