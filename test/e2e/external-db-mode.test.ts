import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cleanup, getJson, ownDatabase, requireArtifacts, root, startStack, tempDir } from './support';

describe('npm start on a stack synthesized with DB_MODE=external', () => {
  afterAll(() => cleanup());

  it('fills the db/url SecureString with the local database, so /db works and /config shows no secret', async () => {
    // Prepare: synthesize the external-mode stack into a folder of its own.
    requireArtifacts();
    const outDir = tempDir('lrl-e2e-external-');
    execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['main.ts'], {
      cwd: root,
      env: { ...process.env, DB_MODE: 'external', STAGE: 'dev', CDKTF_OUTDIR: outDir, CHECKPOINT_DISABLE: '1' },
      stdio: 'ignore',
      timeout: 60_000,
    });
    const databaseUrl = await ownDatabase('e2e_external');
    const stack = await startStack({
      stackFile: join(outDir, 'stacks', 'lambda-reuse-lab-dev', 'cdk.tf.json'),
      args: ['--database-url', databaseUrl],
    });
    try {
      // Act
      const db = await getJson<{ visits: number }>(`${stack.httpApi}/db`);
      const config = await getJson<{ parameters: Record<string, string> }>(`${stack.httpApi}/config`);
      // Assess
      expect(db.status).toBe(200);
      expect(db.body.visits).toBe(1);
      expect(config.status).toBe(200);
      expect(Object.keys(config.body.parameters).sort()).toEqual(['app/feature-flags', 'app/message']);
      expect(JSON.stringify(config.body)).not.toContain(new URL(databaseUrl).pathname.slice(1));
      expect(stack.output()).not.toContain('aws_vpc');
    } finally {
      await stack.stop();
    }
  });
});
