import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreatePassword, passwordFileFor } from '../../local/postgres/password';

describe('loadOrCreatePassword', () => {
  it('generates a long random password once, keeps it with mode 600, and reads it back', async () => {
    // Prepare
    const file = passwordFileFor(join(mkdtempSync(join(tmpdir(), 'lrl-pw-')), 'pg'));

    // Act
    const first = await loadOrCreatePassword(file);
    const second = await loadOrCreatePassword(file);
    const other = await loadOrCreatePassword(`${file}.other`);

    // Assess
    expect(first.created).toBe(true);
    expect(first.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second).toEqual({ password: first.password, created: false });
    expect(other.password).not.toBe(first.password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.password);
  });

  it('tightens a password file someone made readable by others', async () => {
    // Prepare
    const file = join(mkdtempSync(join(tmpdir(), 'lrl-pw-')), 'pg.password');
    writeFileSync(file, 'kept\n', { mode: 0o644 });

    // Act
    const read = await loadOrCreatePassword(file);

    // Assess
    expect(read).toEqual({ password: 'kept', created: false });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('passwordFileFor', () => {
  it('puts the file beside the data folder, not in it (initdb needs an empty folder)', () => {
    // Assess
    expect(passwordFileFor('/repo/.local/pg')).toBe('/repo/.local/pg.password');
    expect(passwordFileFor('/repo/.local/pg/')).toBe('/repo/.local/pg.password');
  });
});
