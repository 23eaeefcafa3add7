import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResourceNotFoundError } from '../../local/runtime';
import { fixture, json, startRuntime, waitFor } from './support';

function codeDir(answer: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lrl-update-code-'));
  writeFileSync(join(dir, 'index.js'), `exports.handler = async () => ({ answer: ${JSON.stringify(answer)} });\n`);
  return dir;
}

describe('updateFunctionCode', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the new code from a cold start and retires the old environments', async () => {
    // Prepare
    const v1 = codeDir('v1');
    const v2 = codeDir('v2');
    dirs.push(v1, v2);
    const rt = await startRuntime([fixture('code', { codeDir: v1 })]);
    const cold: boolean[] = [];
    rt.on('invocation', (e) => cold.push(e.coldStart));
    try {
      await rt.invoke('code', {});
      await rt.invoke('code', {});
      // Act
      const config = rt.updateFunctionCode('code', { codeDir: v2, codeSha256: 'c2hhMjU2', codeSize: 42 });
      const after = json((await rt.invoke('code', {})).payload);
      // Assess
      expect(config).toMatchObject({ CodeSha256: 'c2hhMjU2', CodeSize: 42, LastUpdateStatus: 'InProgress' });
      expect(after.answer).toBe('v2');
      expect(await waitFor(() => cold.length === 3, 2_000)).toBe(true);
      expect(cold).toEqual([true, false, true]);
      expect(rt.endedEnvironments().map((e) => e.endReason)).toEqual(['configuration-update']);
    } finally {
      await rt.stop();
    }
  });

  it('fails with ResourceNotFound for an unknown function and keeps the old code', async () => {
    // Prepare
    const v1 = codeDir('v1');
    const v2 = codeDir('v2');
    dirs.push(v1, v2);
    const rt = await startRuntime([fixture('code', { codeDir: v1 })]);
    try {
      // Act
      const update = () => rt.updateFunctionCode('other', { codeDir: v2 });
      // Assess
      expect(update).toThrow(ResourceNotFoundError);
      expect(json((await rt.invoke('code', {})).payload).answer).toBe('v1');
    } finally {
      await rt.stop();
    }
  });
});
