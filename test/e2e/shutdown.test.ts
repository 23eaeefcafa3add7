import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { cleanup, getJson, processAlive, sleep, snapshotStack, startStack, tempDir } from './support';

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function untilGone(pids: readonly number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let alive = pids.filter(processAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(100);
    alive = alive.filter(processAlive);
  }
  return alive;
}

describe('Ctrl-C on npm start', () => {
  afterAll(() => cleanup());

  it.each([
    ['to the stack process (kill -INT pid)', 'process'],
    ["to the whole process group, as a terminal's Ctrl-C", 'group'],
  ] as const)(
    'SIGINT %s ends every environment through the runtime shutdown, stops PostgreSQL and leaves no process behind',
    async (_how, target) => {
      // Prepare: live (frozen) environments of several functions, and the embedded PostgreSQL.
      const pgDataDir = tempDir('lrl-e2e-shutdown-pg-');
      const stack = await startStack({ stackFile: await snapshotStack(), pgDataDir });
      await Promise.all([
        getJson(`${stack.httpApi}/hello`),
        getJson(`${stack.httpApi}/hello`),
        getJson(`${stack.httpApi}/db`),
        getJson(`${stack.httpApi}/config`),
      ]);
      const { body: environments } = await getJson<Array<{ id: string; pid: number }>>(
        `${stack.lambdaApi}/_local/environments`,
      );
      const envPids = environments.map((e) => e.pid);
      const postgresPid = Number(readFileSync(join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(environments.length).toBeGreaterThanOrEqual(3);
      expect(envPids.every(processAlive)).toBe(true);
      expect(processAlive(postgresPid)).toBe(true);
      expect(await portOpen(stack.pgPort)).toBe(true);

      // Act
      const exit = await stack.stop('SIGINT', 30_000, target);

      // Assess
      expect(exit).toEqual({ code: 0, signal: null });
      for (const e of environments) expect(stack.output()).toContain(`${e.id.slice(0, 8)}] SHUTDOWN (runtime-stop)`);
      expect(stack.output()).toContain('Stopped. Nothing left running.');
      expect(await untilGone([...envPids, postgresPid, stack.child.pid ?? -1], 5_000)).toEqual([]);
      expect(await portOpen(stack.pgPort)).toBe(false);
      expect(existsSync(join(pgDataDir, 'postmaster.pid'))).toBe(false);
      // The database password and connection string stay out of the output.
      expect(stack.output()).not.toMatch(/postgres(ql)?:\/\//);
    },
  );
});
