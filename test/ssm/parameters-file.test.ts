import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParameterStore, persistParameterChanges } from '../../local/ssm';

const seeds = [
  { name: '/app/message', type: 'String' as const, value: 'from the stack' },
  { name: '/app/db/url', type: 'SecureString' as const, value: 'postgres://u:p@127.0.0.1:5433/lab' },
];

function freshStore(): ParameterStore {
  const store = new ParameterStore('us-east-1', '000000000000');
  store.seed(seeds);
  return store;
}

describe('persistParameterChanges', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lrl-ssm-file-'));
    file = join(dir, 'pg.ssm-parameters.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replays puts and deletes over a freshly seeded store, keeping SecureStrings in a 0600 file', () => {
    // Prepare
    const before = freshStore();
    persistParameterChanges(before, { file, pinned: [] });
    before.put({ name: '/app/message', type: 'String', value: 'changed locally', overwrite: true });
    before.put({ name: '/app/token', type: 'SecureString', value: 's3cret-token' });
    before.put({ name: '/app/gone', type: 'String', value: 'x' });
    before.delete('/app/gone');
    // Act
    const after = freshStore();
    const result = persistParameterChanges(after, { file, pinned: [] });
    // Assess
    expect(after.get({ name: '/app/message' }).value).toBe('changed locally');
    expect(after.get({ name: '/app/token' })).toMatchObject({ type: 'SecureString', value: 's3cret-token' });
    expect(after.has('/app/gone')).toBe(false);
    expect(result.restored.sort()).toEqual(['/app/gone', '/app/message', '/app/token']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('records no seed, and lets pinned names (the database wiring) keep their seeded value', () => {
    // Prepare
    const before = freshStore();
    persistParameterChanges(before, { file, pinned: [] });
    before.put({ name: '/app/db/url', type: 'SecureString', value: 'postgres://stale:1/x', overwrite: true });
    // Act
    const after = freshStore();
    const result = persistParameterChanges(after, { file, pinned: ['/app/db/url'] });
    // Assess
    expect(after.get({ name: '/app/db/url' }).value).toBe(seeds[1]?.value);
    expect(result).toEqual({ restored: [], skipped: ['/app/db/url'] });
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).parameters)).toEqual(['/app/db/url']);
  });

  it('fails on a broken file naming the file and --reset, never quoting its content', () => {
    // Prepare
    writeFileSync(file, '{"format":1,"parameters":{"/app/token":{"type":"SecureString","value":"leak-me"', {
      mode: 0o600,
    });
    // Act
    const attempt = () => persistParameterChanges(freshStore(), { file, pinned: [] });
    // Assess
    expect(attempt).toThrow(/not valid JSON.*--reset/);
    expect(attempt).not.toThrow(/leak-me/);
  });
});
