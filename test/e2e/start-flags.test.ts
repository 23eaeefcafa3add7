import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('npm start flags', () => {
  it('fails at once on a bad flag, naming the flag and the allowed values', () => {
    // Prepare / Act
    const out = spawnSync(
      require.resolve('node/bin/node'),
      ['--import', 'tsx', 'local/cli/start.ts', '--http-port', 'abc'],
      {
        cwd: join(__dirname, '..', '..'),
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    const unknown = spawnSync(
      require.resolve('node/bin/node'),
      ['--import', 'tsx', 'local/cli/start.ts', '--ports', '1'],
      {
        cwd: join(__dirname, '..', '..'),
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    // Assess
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('--http-port is "abc"; allowed: an integer from 0 to 65535 (0 picks a free port)');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown flag "--ports"; allowed: --http-port, --lambda-port, .*--help/);
  });
});
