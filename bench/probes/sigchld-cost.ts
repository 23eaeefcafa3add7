/**
 * What a freeze/thaw cycle (SIGSTOP, then SIGCONT) costs the process that sends it, with N idle Node
 * children, when they are its own children and when a shell is their parent. This is why the
 * runtime starts each environment under /bin/sh (local/runtime/environment-process.ts): a stop or
 * continue wakes the parent, and Node answers each SIGCHLD with one waitpid() per child it has.
 *
 * Run: npx tsx bench/probes/sigchld-cost.ts [--cycles 3000]
 */
import { spawn } from 'node:child_process';
import { defineCommandLine, formatHelp, parseCommandLine, parseOrExit, toNumber } from '../../common/cli-args';

const CYCLES = { min: 1, max: 1_000_000 } as const;
const probeCommandLine = defineCommandLine({
  usage: 'npx tsx bench/probes/sigchld-cost.ts [options]',
  description: 'CPU cost of a freeze/thaw cycle with 1, 10 and 50 idle Node children, own or under a shell.',
  flags: {
    cycles: {
      type: 'string',
      valueName: 'N',
      allowed: `an integer from ${CYCLES.min} to ${CYCLES.max}`,
      default: 3000,
      description: 'freeze/thaw cycles per measurement',
    },
  },
});

const { cycles } = parseOrExit(() => {
  const parsed = parseCommandLine(probeCommandLine, process.argv.slice(2));
  if (parsed === 'help') return 'help';
  return { cycles: parsed.flags.cycles === undefined ? 3000 : toNumber('--cycles', parsed.flags.cycles, CYCLES) };
}, formatHelp(probeCommandLine));
const node = require.resolve('node/bin/node');
const IDLE = 'setInterval(() => {}, 1e6)';

async function children(count: number, underShell: boolean): Promise<number[]> {
  const pids: number[] = [];
  for (let i = 0; i < count; i += 1) {
    if (!underShell) {
      pids.push(spawn(node, ['--v8-pool-size=1', '-e', IDLE], { stdio: 'ignore' }).pid as number);
      continue;
    }
    const shell = spawn('/bin/sh', ['-c', '"$@" & echo $! >&3; wait $!', 'sh', node, '--v8-pool-size=1', '-e', IDLE], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    pids.push(
      await new Promise<number>((resolve) =>
        shell.stdio[3]?.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
      ),
    );
  }
  await new Promise((r) => setTimeout(r, 1500));
  return pids;
}

/** CPU µs this process spends per cycle, letting the event loop turn between stop and continue as the runtime does. */
async function cost(pids: number[]): Promise<number> {
  const before = process.cpuUsage();
  for (let n = 0; n < cycles; n += 1) {
    const pid = pids[n % pids.length] as number;
    process.kill(pid, 'SIGCONT');
    await new Promise((r) => setImmediate(r));
    process.kill(pid, 'SIGSTOP');
    await new Promise((r) => setImmediate(r));
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / cycles;
}

async function main(): Promise<void> {
  process.stdout.write(`CPU µs per freeze/thaw cycle, ${cycles} cycles\nchildren  own children  under a shell\n`);
  for (const count of [1, 10, 50]) {
    const row: string[] = [];
    for (const underShell of [false, true]) {
      const pids = await children(count, underShell);
      row.push((await cost(pids)).toFixed(1));
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
    }
    process.stdout.write(`${String(count).padStart(8)}  ${row[0]?.padStart(12)}  ${row[1]?.padStart(13)}\n`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
