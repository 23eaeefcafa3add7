import { resolve } from 'node:path';
import { buildStandInBundles, synthStack } from './support';

const repoRoot = resolve(__dirname, '..', '..');

describe('Terraform state backend', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
  });
  afterAll(() => bundles.cleanup());

  it('keeps local state at a path relative to the stack folder that lands in the repository root', () => {
    // Prepare
    const { parsed } = synthStack({}, bundles.bundlesDir);
    // Act
    const backend = (parsed.terraform?.backend ?? {}) as { local?: { path?: string } };
    const path = String(backend.local?.path);
    // Assess: Terraform runs in cdktf.out/stacks/<stack>, and .gitignore ignores terraform.*.tfstate* at the root.
    expect(path.startsWith('/')).toBe(false);
    expect(resolve(repoRoot, 'cdktf.out', 'stacks', 'test', path)).toBe(
      resolve(repoRoot, 'terraform.lambda-reuse-lab-dev.tfstate'),
    );
  });

  it('uses an encrypted S3 backend with S3 lock files when STATE_BUCKET is set', () => {
    // Prepare
    const env = { STATE_BUCKET: 'my-tf-state', STAGE: 'prod' };
    // Act
    const { parsed } = synthStack(env, bundles.bundlesDir);
    // Assess
    expect(parsed.terraform?.backend).toEqual({
      s3: {
        bucket: 'my-tf-state',
        key: 'lambda-reuse-lab-prod/terraform.tfstate',
        region: 'us-east-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  it('puts the state object under STATE_KEY_PREFIX in STATE_REGION', () => {
    // Prepare
    const env = { STATE_BUCKET: 'my-tf-state', STATE_REGION: 'eu-west-1', STATE_KEY_PREFIX: 'team/lab/' };
    // Act
    const { parsed } = synthStack(env, bundles.bundlesDir);
    // Assess
    expect(parsed.terraform?.backend).toMatchObject({
      s3: { key: 'team/lab/lambda-reuse-lab-dev/terraform.tfstate', region: 'eu-west-1', use_lockfile: true },
    });
  });
});
