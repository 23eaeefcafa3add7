import { execFile } from 'node:child_process';

/** What `version -json` reported, or why there is nothing to report. */
export type TerraformCli =
  | { readonly found: true; readonly binary: string; readonly version: string }
  | { readonly found: false; readonly tried: readonly string[]; readonly reason: string };

export const terraformCliDefaults = {
  // cdktf runs TERRAFORM_BINARY_NAME when set, else `terraform`; OpenTofu installs `tofu`.
  candidates: ['terraform', 'tofu'],
  timeoutMs: 20_000,
} as const;

function versionOf(binary: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, ['version', '-json'], { env, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout) => {
      if (error) return reject(error);
      try {
        // Terraform and OpenTofu both print { "terraform_version": "...", "platform": ..., ... }.
        const version = (JSON.parse(stdout) as { terraform_version?: unknown }).terraform_version;
        if (typeof version !== 'string') return reject(new Error(`${binary} version -json has no terraform_version`));
        resolve(version);
      } catch (cause) {
        reject(new Error(`${binary} version -json did not print JSON`, { cause }));
      }
    });
  });
}

/**
 * Finds the Terraform CLI cdktf will run and reads its version: TERRAFORM_BINARY_NAME if set, otherwise the
 * first of `terraform`, `tofu` on PATH.
 *
 * @example
 * const cli = await findTerraformCli(process.env);
 * if (cli.found) console.log(cli.binary, cli.version);
 */
export async function findTerraformCli(env: NodeJS.ProcessEnv): Promise<TerraformCli> {
  const named = env.TERRAFORM_BINARY_NAME;
  const candidates = named ? [named] : [...terraformCliDefaults.candidates];
  const reasons: string[] = [];
  for (const binary of candidates) {
    try {
      return { found: true, binary, version: await versionOf(binary, env, terraformCliDefaults.timeoutMs) };
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      reasons.push(e.code === 'ENOENT' ? `${binary}: not on PATH` : `${binary}: ${e.message}`);
    }
  }
  return { found: false, tried: candidates, reason: reasons.join('; ') };
}
