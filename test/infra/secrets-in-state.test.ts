import { buildStandInBundles, resources, synthStack } from './support';

// Each mode/proxy combination the stack can take, so a SecureString added in any of them is caught.
const variants: Record<string, string>[] = [
  { DB_MODE: 'managed' },
  { DB_MODE: 'managed', DB_PROXY: 'true' },
  { DB_MODE: 'external' },
  { DB_MODE: 'external', STAGE: 'prod' },
];

describe('SecureString parameters and Terraform state', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
  });
  afterAll(() => bundles.cleanup());

  it.each(variants)('gives no SecureString a value Terraform would read back into state (%j)', (env) => {
    // Prepare
    const { parsed } = synthStack(env, bundles.bundlesDir);
    // Act
    const secure = Object.entries(resources(parsed, 'aws_ssm_parameter')).filter(([, p]) => p.type === 'SecureString');
    // Assess
    for (const [key, p] of secure) {
      expect({ key, hasValue: 'value' in p, hasInsecureValue: 'insecure_value' in p }).toEqual({
        key,
        hasValue: false,
        hasInsecureValue: false,
      });
      // value_wo needs value_wo_version, and an ignore_changes on value would mean value came back.
      expect(p).toMatchObject({ value_wo: expect.any(String), value_wo_version: expect.any(Number) });
      expect(JSON.stringify(p.lifecycle ?? {})).not.toMatch(/value/);
    }
  });

  it('has a SecureString to check in external mode, so the test above cannot pass on an empty list', () => {
    // Prepare
    const { parsed } = synthStack({ DB_MODE: 'external' }, bundles.bundlesDir);
    // Act
    const secure = Object.values(resources(parsed, 'aws_ssm_parameter')).filter((p) => p.type === 'SecureString');
    // Assess
    expect(secure.map((p) => p.name)).toEqual(['/lambda-reuse-lab/dev/db/url']);
  });
});
