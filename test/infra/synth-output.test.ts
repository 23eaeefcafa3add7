import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildStandInBundles, resources, type SynthesizedStack } from './support';

const repoRoot = resolve(__dirname, '..', '..');

/** Runs what cdktf.json's app runs (cdktf synth only adds CDKTF_OUTDIR), offline. */
function synthMain(outdir: string, env: Record<string, string>): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, stderr: run.status === 0 ? '' : run.stderr };
}

/** Every JSON file cdktf wrote, by path relative to the output folder. */
function jsonFiles(dir: string, prefix = ''): [string, string][] {
  return readdirSync(dir).flatMap((name): [string, string][] => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path, `${prefix}${name}/`);
    return name.endsWith('.json') ? [[`${prefix}${name}`, readFileSync(path, 'utf8')]] : [];
  });
}

describe('main.ts synthesized output', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  let outDefault: string;
  let outSmallQuota: string;
  let runs: Record<string, { status: number | null; stderr: string }>;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
    outDefault = mkdtempSync(join(bundles.rootDir, 'out-'));
    outSmallQuota = mkdtempSync(join(bundles.rootDir, 'out-'));
    runs = {
      default: synthMain(outDefault, { BUNDLES_DIR: bundles.bundlesDir }),
      quota10: synthMain(outSmallQuota, { BUNDLES_DIR: bundles.bundlesDir, ACCOUNT_CONCURRENCY: '10' }),
    };
  });
  afterAll(() => {
    rmSync(outDefault, { recursive: true, force: true });
    rmSync(outSmallQuota, { recursive: true, force: true });
    bundles.cleanup();
  });

  const stackOf = (outdir: string): SynthesizedStack =>
    JSON.parse(readFileSync(join(outdir, 'stacks', 'lambda-reuse-lab-dev', 'cdk.tf.json'), 'utf8')) as SynthesizedStack;

  it('synthesizes the default and the ACCOUNT_CONCURRENCY=10 stacks without network or terraform', () => {
    // Prepare & Act: beforeAll ran both.
    // Assess
    expect(runs).toEqual({ default: { status: 0, stderr: '' }, quota10: { status: 0, stderr: '' } });
  });

  it('writes no absolute path of this machine into any synthesized JSON, warnings included', () => {
    // Prepare
    const machinePaths = [repoRoot, bundles.rootDir, process.cwd(), homedir(), tmpdir(), '/work/'];
    const outputs = { default: outDefault, quota10: outSmallQuota };
    // Act
    const files = Object.entries(outputs).flatMap(([run, outdir]) =>
      jsonFiles(outdir).map(([file, text]) => [`${run}/${file}`, text] as const),
    );
    const offenders = files.flatMap(([file, text]) =>
      machinePaths.filter((p) => text.includes(p)).map((p) => `${file} contains ${p}`),
    );
    // Assess
    expect(files.map(([file]) => file)).toEqual(
      expect.arrayContaining(['default/stacks/lambda-reuse-lab-dev/cdk.tf.json', 'quota10/manifest.json']),
    );
    expect(offenders).toEqual([]);
  });

  it('reserves concurrency by default and none with ACCOUNT_CONCURRENCY=10, warning in the manifest', () => {
    // Prepare
    const reserved = (outdir: string) =>
      Object.values(resources(stackOf(outdir), 'aws_lambda_function'))
        .map((f) => f.reserved_concurrent_executions)
        .filter((r) => r !== undefined);
    const manifest = JSON.parse(readFileSync(join(outSmallQuota, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, { annotations: { level: string; message: string }[] }>;
    };
    // Act
    const annotations = manifest.stacks['lambda-reuse-lab-dev']?.annotations ?? [];
    // Assess
    expect(reserved(outDefault).sort()).toEqual([10, 20, 20]);
    expect(reserved(outSmallQuota)).toEqual([]);
    expect(annotations).toEqual([
      expect.objectContaining({ level: '@cdktf/warn', message: expect.stringContaining('ACCOUNT_CONCURRENCY 10') }),
    ]);
  });
});
