import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { functionCatalog } from '../../functions/catalog';
import { Testing } from '../../infra/cdktf';
import { LambdaReuseLabStack, MissingBundleError } from '../../infra/index';
import { buildStandInBundles, resources, stageConfig, synthStack, terraformKey } from './support';

const repoRoot = resolve(__dirname, '..', '..');

describe('function bundles in the stack', () => {
  let first: Awaited<ReturnType<typeof buildStandInBundles>>;
  let second: Awaited<ReturnType<typeof buildStandInBundles>>;
  beforeAll(async () => {
    first = await buildStandInBundles();
    second = await buildStandInBundles();
  });
  afterAll(() => {
    first.cleanup();
    second.cleanup();
  });

  it('keeps source_code_hash identical across two builds of unchanged source, equal to the zip SHA-256', () => {
    // Prepare
    const hashes = (bundlesDir: string) =>
      Object.fromEntries(
        Object.entries(resources(synthStack({}, bundlesDir).parsed, 'aws_lambda_function')).map(([k, f]) => [
          k,
          f.source_code_hash,
        ]),
      );
    // Act
    const a = hashes(first.bundlesDir);
    const b = hashes(second.bundlesDir);
    // Assess
    expect(b).toEqual(a);
    const zipSha = createHash('sha256')
      .update(readFileSync(join(first.bundlesDir, 'hello.zip')))
      .digest('base64');
    expect(a.hello).toBe(zipSha);
  });

  it('copies each zip to the filename path, relative to the stack folder', () => {
    // Prepare
    const app = Testing.app();
    const stack = new LambdaReuseLabStack(app, 'lambda-reuse-lab-dev', {
      config: { ...stageConfig(), bundlesDir: first.bundlesDir },
    });
    // Act
    const outdir = Testing.fullSynth(stack);
    try {
      // Assess
      const stackDir = join(outdir, 'stacks', 'lambda-reuse-lab-dev');
      const parsed = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as Parameters<typeof resources>[0];
      for (const f of functionCatalog) {
        const fn = resources(parsed, 'aws_lambda_function')[terraformKey(f.name)];
        const filename = String(fn?.filename);
        expect(filename.startsWith('/')).toBe(false);
        expect(readFileSync(join(stackDir, filename))).toEqual(readFileSync(join(first.bundlesDir, `${f.name}.zip`)));
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('fails synth with MissingBundleError naming the zip and `npm run build` when a bundle is missing', () => {
    // Prepare
    const empty = mkdtempSync(join(first.rootDir, 'empty-'));
    // Act
    const attempt = () => synthStack({}, empty);
    // Assess
    expect(attempt).toThrow(MissingBundleError);
    expect(attempt).toThrow(new RegExp(`${join(empty, 'hello.zip')}.*npm run build`));
  });

  it('synthesizes through main.ts into cdktf.out-style stacks/<prefix>-<stage>/cdk.tf.json without network or terraform', () => {
    // Prepare
    const outdir = mkdtempSync(join(first.rootDir, 'out-'));
    try {
      // Act: what cdktf.json's app runs; cdktf synth only adds CDKTF_OUTDIR.
      const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'main.ts'], {
        cwd: repoRoot,
        env: {
          ...process.env,
          CDKTF_OUTDIR: outdir,
          BUNDLES_DIR: first.bundlesDir,
          STAGE: 'dev,prod',
          DB_MODE: 'external',
        },
        encoding: 'utf8',
        timeout: 120_000,
      });
      // Assess
      expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
      for (const stack of ['lambda-reuse-lab-dev', 'lambda-reuse-lab-prod']) {
        const stackDir = join(outdir, 'stacks', stack);
        const parsed = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as Parameters<
          typeof resources
        >[0];
        const fns = Object.values(resources(parsed, 'aws_lambda_function'));
        expect(fns).toHaveLength(functionCatalog.length);
        expect(fns.every((f) => existsSync(join(stackDir, String(f.filename))))).toBe(true);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
