import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('refuses to serve a cdktf.out of the other model with --no-build, saying how to synthesize the one asked for', () => {
    // Prepare: cdktf.out holds the classic synth (npm run synth, as npm test runs it before jest).
    const dataDir = mkdtempSync(join(tmpdir(), 'lrl-start-flags-'));
    try {
      // Act
      const out = spawnSync(
        require.resolve('node/bin/node'),
        [
          '--import',
          'tsx',
          'local/cli/start.ts',
          '--no-build',
          '--lambda-mode',
          'managed-instances',
          '--pg-data-dir',
          dataDir,
        ],
        {
          cwd: join(__dirname, '..', '..'),
          encoding: 'utf8',
          timeout: 30_000,
          env: { ...process.env, LAMBDA_MODE: '' },
        },
      );
      // Assess
      expect(out.status).toBe(1);
      expect(out.stderr).toContain('[ELAMBDAMODE]');
      expect(out.stderr).toMatch(
        /is the classic variant of the stack, but --lambda-mode is managed-instances: start without --no-build/,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.ssm-parameters.json`, { force: true });
    }
  });
});
