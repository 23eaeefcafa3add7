import { Testing } from '../../infra/cdktf';
import { LambdaReuseLabStack } from '../../infra/index';
import { buildStandInBundles, stageConfig } from './support';

// These run the terraform binary, which downloads the AWS provider; the plan also needs AWS credentials
// (the data sources read the account). So they are opt-in: CDKTF_TERRAFORM_TESTS=1.
const withTerraform = process.env.CDKTF_TERRAFORM_TESTS === '1' ? describe : describe.skip;

interface TerraformMatchers {
  toBeValidTerraform(): void;
  toPlanSuccessfully(): void;
}

withTerraform('the synthesized stack, checked by terraform', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  beforeAll(async () => {
    Testing.setupJest();
    bundles = await buildStandInBundles();
  });
  afterAll(() => bundles.cleanup());

  const synthesize = (mode: string) => {
    const app = Testing.app();
    const stack = new LambdaReuseLabStack(app, `lab-${mode}`, {
      config: { ...stageConfig({ DB_MODE: mode }), bundlesDir: bundles.bundlesDir },
    });
    return Testing.fullSynth(stack);
  };

  it.each(['managed', 'external'])('passes terraform validate in %s mode', (mode) => {
    // Prepare
    const outdir = synthesize(mode);
    // Act & Assess
    (expect(outdir) as unknown as TerraformMatchers).toBeValidTerraform();
  });

  it.each(['managed', 'external'])('plans successfully in %s mode', (mode) => {
    // Prepare
    const outdir = synthesize(mode);
    // Act & Assess
    (expect(outdir) as unknown as TerraformMatchers).toPlanSuccessfully();
  });
});
