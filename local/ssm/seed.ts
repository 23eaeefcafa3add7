import { loadLocalSecrets } from './local-secrets';
import type { ParameterType, SeedParameter } from './store';

/** A parameter the stack declares; `value` is undefined when it could not be resolved locally. */
export interface DeclaredParameter {
  name: string;
  type: ParameterType;
  value: string | undefined;
}

/** Options for {@link seedParameters}. */
export interface SeedOptions {
  /** What the stack declares (see local/stack/ssm-parameters.ts). */
  declared: readonly DeclaredParameter[];
  /** The git-ignored file holding local SecureString values. */
  secretsFile: string;
  /** Values set by the caller (e.g. `db/url` of the embedded PostgreSQL); they win over everything else. */
  overrides: readonly SeedParameter[];
}

/**
 * Decides the local value of every parameter: an override first; for a SecureString, the local
 * secrets file (generated when absent), because on AWS its value comes from a sensitive input;
 * for a String, the stack's own value. Names with no value at all come back in `missing`.
 *
 * @example
 * const { parameters } = await seedParameters({ declared, secretsFile: '.local/secrets.json', overrides: [] });
 * await startSsmServer({ parameters });
 */
export async function seedParameters(
  options: Partial<SeedOptions> & Pick<SeedOptions, 'declared' | 'secretsFile'>,
): Promise<{ parameters: SeedParameter[]; missing: string[]; generated: readonly string[] }> {
  const overrides = new Map((options.overrides ?? []).map((o) => [o.name, o]));
  const secureNames = options.declared
    .filter((d) => d.type === 'SecureString' && !overrides.has(d.name))
    .map((d) => d.name);
  const secrets = await loadLocalSecrets({ file: options.secretsFile, names: secureNames });
  const parameters: SeedParameter[] = [];
  const missing: string[] = [];
  for (const d of options.declared) {
    const override = overrides.get(d.name);
    const value = override?.value ?? (d.type === 'SecureString' ? secrets.values.get(d.name) : d.value);
    if (value === undefined) missing.push(d.name);
    else parameters.push({ name: d.name, type: override?.type ?? d.type, value });
  }
  const declaredNames = new Set(options.declared.map((d) => d.name));
  for (const o of overrides.values()) if (!declaredNames.has(o.name)) parameters.push(o);
  return { parameters, missing, generated: secrets.generated };
}
