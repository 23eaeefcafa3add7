import { type ChildProcess, spawn } from 'node:child_process';
import type { Socket } from 'node:net';

// Runs in its own small process: it reads "+pgid"/"-pgid" lines, and when the runtime's end of the
// pipe closes (the runtime exited, even by SIGKILL) it SIGKILLs every process group still listed.
const GUARD_SCRIPT = `
const pids = new Set();
let rest = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const lines = (rest + chunk).split('\\n');
  rest = lines.pop();
  for (const line of lines) {
    if (line[0] === '+') pids.add(Number(line.slice(1)));
    else if (line[0] === '-') pids.delete(Number(line.slice(1)));
  }
});
process.stdin.on('end', () => {
  for (const pid of pids) { try { process.kill(-pid, 'SIGKILL'); } catch {} }
  process.exit(0);
});
`;

/**
 * Ends environments whose runtime died without stopping them. A frozen (SIGSTOPped) environment
 * cannot notice its parent is gone, so a separate, never-frozen process does it for them.
 *
 * @example
 * const guard = new OrphanGuard(process.execPath);
 * guard.add(environmentProcess.groupId);
 */
export class OrphanGuard {
  private readonly process: ChildProcess;

  constructor(nodePath: string) {
    this.process = spawn(nodePath, ['-e', GUARD_SCRIPT], { stdio: ['pipe', 'ignore', 'ignore'] });
    this.process.stdin?.on('error', () => undefined);
    // The guard must never keep the runtime alive.
    this.process.unref();
    (this.process.stdin as unknown as Socket | null)?.unref();
  }

  /** Guards a process group (an environment: its parent shell, Node, and what the function started). */
  add(pid: number): void {
    this.process.stdin?.write(`+${pid}\n`);
  }

  remove(pid: number): void {
    this.process.stdin?.write(`-${pid}\n`);
  }

  /** Closes the pipe; the guard exits, killing whatever is still listed. */
  stop(): void {
    this.process.stdin?.end();
  }
}
