import type { Construct } from 'constructs';
import { LocalBackend, S3Backend } from './cdktf';
import type { StateConfig } from './config';

/**
 * Where the local state file goes, relative to the folder Terraform runs in. cdktf runs Terraform in
 * `cdktf.out/stacks/<stack>/`, so three levels up is the repository root, where .gitignore expects
 * `terraform.*.tfstate*`. Relative on purpose: cdktf's default is an absolute path of the machine that ran
 * synth, which breaks the moment the checkout moves or someone else deploys it.
 */
export function localStatePath(stack: string): string {
  return `../../../terraform.${stack}.tfstate`;
}

/**
 * Configures the stack's Terraform backend. Local by default; with STATE_BUCKET, an S3 object encrypted at
 * rest and locked with S3's own lock file (Terraform >= 1.11 or OpenTofu >= 1.10), so no DynamoDB table.
 * CDKTF 0.21's S3Backend has no `useLockfile` option, so it is added as a raw override.
 *
 * @example
 * configureStateBackend(stack, 'lambda-reuse-lab-dev', { backend: 'local' });
 */
export function configureStateBackend(scope: Construct, stack: string, state: StateConfig): void {
  if (state.backend === 'local') {
    new LocalBackend(scope, { path: localStatePath(stack) });
    return;
  }
  const backend = new S3Backend(scope, {
    bucket: state.bucket,
    key: `${state.keyPrefix}${stack}/terraform.tfstate`,
    region: state.region,
    encrypt: true,
  });
  backend.addOverride('use_lockfile', true);
}
