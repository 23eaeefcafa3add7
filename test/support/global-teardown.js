const { rmSync } = require('node:fs');

module.exports = async function globalTeardown() {
  const pg = globalThis.__TEST_POSTGRES__;
  if (!pg) return;
  const exited = new Promise((resolve) => pg.child.once('exit', resolve));
  pg.child.kill('SIGTERM');
  let timer;
  await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
  clearTimeout(timer);
  if (pg.child.exitCode === null && pg.child.signalCode === null) pg.child.kill('SIGKILL');
  pg.child.stdout?.destroy();
  rmSync(pg.dataDir, { recursive: true, force: true });
};
