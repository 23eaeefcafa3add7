// The cdktf CLI loads @cdktf/node-pty-prebuilt-multiarch at start-up, only to run terraform
// for deploy/destroy. Its prebuilt binaries stop at Node 22 (ABI 127), and building it needs an
// install script this project does not allow, so on Node 24 every cdktf command crashed.
// This stand-in offers the slice of node-pty's API the CLI uses (spawn -> onData/onExit/write/kill)
// over plain pipes. Terraform then sees no TTY, which is what it sees in CI anyway.
const { spawn: spawnChild } = require('node:child_process');

function spawn(file, args, options = {}) {
  const argv = Array.isArray(args) ? args : String(args).split(' ').filter(Boolean);
  const child = spawnChild(file, argv, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const dataListeners = [];
  const exitListeners = [];
  const emitData = (chunk) => {
    for (const l of dataListeners) l(chunk.toString('utf8'));
  };
  child.stdout.on('data', emitData);
  child.stderr.on('data', emitData);
  // A failed spawn emits 'error' and then 'close', so only 'close' reports the exit. Its code is then a negative
  // errno (-2 for ENOENT), not an exit status, so it is reported as 1.
  child.on('error', (err) => emitData(Buffer.from(`${err.message}\n`)));
  child.on('close', (code, signal) => {
    for (const l of exitListeners) l({ exitCode: code === null || code < 0 ? 1 : code, signal: signal ?? undefined });
  });
  return {
    pid: child.pid,
    onData: (listener) => dataListeners.push(listener),
    onExit: (listener) => exitListeners.push(listener),
    // Ctrl-C arrives as a byte on a real pty; over pipes it has to become a signal.
    write: (data) => (data === '\x03' ? child.kill('SIGINT') : child.stdin.write(data)),
    kill: (signal = 'SIGTERM') => child.kill(signal),
    resize: () => {},
  };
}

module.exports = { spawn };
