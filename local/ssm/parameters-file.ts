import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ParametersFileError } from './errors';
import { type ParameterChange, type ParameterStore, type ParameterType, parameterTypes } from './store';

/** Options for {@link persistParameterChanges}. */
export interface ParametersFileOptions {
  /** A git-ignored JSON file; it holds SecureString plaintext, so it is kept at mode 0600. */
  file: string;
  /**
   * Names whose seeded value always wins over a change kept in the file: the dev stack's database
   * wiring, recomputed at every start (a port kept from an earlier run would point nowhere).
   */
  pinned: readonly string[];
}

/** One kept parameter: its latest value (versions restart at the next start), or null once deleted. */
interface KeptParameter {
  type: ParameterType;
  value: string;
  description?: string;
  tier?: 'Standard' | 'Advanced';
  allowedPattern?: string;
}

interface FileShape {
  format: 1;
  parameters: Record<string, KeptParameter | null>;
}

function read(file: string): Map<string, KeptParameter | null> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    // Written 0600 by us; tightened if someone loosened it.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new ParametersFileError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { cause: e });
  }
  let parsed: FileShape;
  try {
    parsed = JSON.parse(text) as FileShape;
  } catch {
    // No cause: a JSON parse error quotes the text around the fault, which may hold a SecureString.
    throw new ParametersFileError(`${file} is not valid JSON; fix it, or start with --reset to drop it`);
  }
  if (parsed?.format !== 1 || parsed.parameters === null || typeof parsed.parameters !== 'object') {
    throw new ParametersFileError(`${file} is not a local parameters file (format 1); start with --reset to drop it`);
  }
  const kept = new Map<string, KeptParameter | null>();
  for (const [name, p] of Object.entries(parsed.parameters)) {
    if (p !== null && (typeof p?.value !== 'string' || !parameterTypes.includes(p.type))) {
      throw new ParametersFileError(
        `${file}: the entry for ${name} needs a type (${parameterTypes.join('|')}) and a value`,
      );
    }
    kept.set(name, p);
  }
  return kept;
}

/** Written whole to a private temporary file, then renamed: a crash mid-write never leaves half a file. */
function write(file: string, kept: ReadonlyMap<string, KeptParameter | null>): void {
  const body: FileShape = {
    format: 1,
    parameters: Object.fromEntries([...kept].sort(([a], [b]) => a.localeCompare(b))),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

function kept(change: ParameterChange): KeptParameter | null {
  const p = change.latest;
  if (!p) return null;
  return {
    type: p.type,
    value: p.value,
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(p.tier !== 'Standard' ? { tier: p.tier } : {}),
    ...(p.allowedPattern !== undefined ? { allowedPattern: p.allowedPattern } : {}),
  };
}

/**
 * Keeps the local Parameter Store's changes across restarts. Replays the file's changes (PutParameter
 * and DeleteParameter made in earlier runs) over the freshly seeded store, then writes every new
 * change to the file before the call that made it is answered. Only changes are kept, not the
 * seeds: a value edited in the stack still arrives, unless a local change to that name overrides it.
 * Returns the names restored and those skipped because they are pinned (never values).
 *
 * @example
 * const ssm = await startSsmServer({ parameters });
 * persistParameterChanges(ssm.store, { file: '.local/pg.ssm-parameters.json', pinned: ['/app/dev/db/url'] });
 */
export function persistParameterChanges(
  store: ParameterStore,
  options: ParametersFileOptions,
): { restored: string[]; skipped: string[] } {
  const pinned = new Set(options.pinned);
  const changes = read(options.file);
  const restored: string[] = [];
  const skipped: string[] = [];
  for (const [name, p] of changes) {
    if (pinned.has(name)) {
      skipped.push(name);
      changes.delete(name);
      continue;
    }
    try {
      if (p === null) {
        if (store.has(name)) store.delete(name);
      } else {
        store.put({ name, ...p, overwrite: true });
      }
    } catch (e) {
      // The store's messages name the rule, never the value.
      throw new ParametersFileError(`${options.file}: cannot restore ${name}: ${(e as Error).message}`, { cause: e });
    }
    restored.push(name);
  }
  store.onChange((change) => {
    if (pinned.has(change.name)) return;
    changes.set(change.name, kept(change));
    write(options.file, changes);
  });
  return { restored, skipped };
}
