import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createProgress } from '../../bench/progress';
import { defaults, runBenchmark } from '../../bench/runner';
import { createAwsTarget, readStackOutputs } from '../../bench/targets';

/*
 * AWS itself cannot run here: Lambda is an aws-sdk-client-mock (awsLambdaMock) that keeps each
 * function's configuration, as Lambda does, so what the benchmark leaves behind can be read back.
 */
const fnName = 'lambda-reuse-lab-dev-hello';
const original = { CONFIG_PATH: '/lab/dev/', LOG_LEVEL: 'info' };
const quiet = () =>
  createProgress({ stream: new Writable({ write: (_c, _e, cb) => cb() }) as unknown as NodeJS.WriteStream });
const options = {
  ...defaults,
  target: 'aws' as const,
  functions: ['hello'],
  cold: 2,
  warm: 2,
  concurrency: 1,
  warmup: 0,
};

describe('the AWS target restores what it changed, and reads the stack region and OpenTofu', () => {
  const awsLambdaMock = mockClient(LambdaClient);
  let dir: string;
  let variables: Record<string, string>;
  let revision: number;
  let invokesBeforeFailure: number;

  const outputs = (arn = `arn:aws:lambda:eu-west-1:123456789012:function:${fnName}`) => ({
    api_url: { value: 'https://abc.execute-api.eu-west-1.amazonaws.com', type: 'string', sensitive: false },
    functions: { value: { hello: { name: fnName, ...(arn ? { arn } : {}) } } },
  });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lrl-bench-aws-restore-'));
    writeFileSync(join(dir, 'outputs.json'), JSON.stringify(outputs()));
  });
  afterAll(() => {
    awsLambdaMock.restore();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    variables = { ...original };
    revision = 1;
    invokesBeforeFailure = Number.POSITIVE_INFINITY;
    awsLambdaMock.reset();
    awsLambdaMock.on(GetFunctionConfigurationCommand).callsFake(() => ({
      FunctionName: fnName,
      LastUpdateStatus: 'Successful',
      RevisionId: `rev-${revision}`,
      Environment: { Variables: { ...variables } },
    }));
    awsLambdaMock.on(UpdateFunctionConfigurationCommand).callsFake((input) => {
      if (input.RevisionId !== undefined && input.RevisionId !== `rev-${revision}`)
        throw Object.assign(new Error('revision changed'), { name: 'PreconditionFailedException' });
      variables = { ...(input.Environment?.Variables ?? {}) };
      revision += 1;
      return { FunctionName: fnName, LastUpdateStatus: 'InProgress' };
    });
    awsLambdaMock.on(InvokeCommand).callsFake(() => {
      invokesBeforeFailure -= 1;
      if (invokesBeforeFailure < 0)
        throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
      const tail = `{"time":"t","type":"platform.report","record":{"requestId":"r","metrics":{"durationMs":1,"billedDurationMs":1,"memorySizeMB":128,"maxMemoryUsedMB":60,"initDurationMs":100},"status":"success"}}\n`;
      return {
        StatusCode: 200,
        LogResult: Buffer.from(tail).toString('base64'),
        Payload: Buffer.from(
          JSON.stringify({ statusCode: 200, body: JSON.stringify({ instanceId: `i-${revision}` }) }),
        ),
      };
    });
  });

  it('puts the functions’ variables back at teardown: no BENCH_COLD left, guarded by RevisionId', async () => {
    // Prepare
    const target = await createAwsTarget({ stack: 'unused', rootDir: dir, outputsFile: join(dir, 'outputs.json') });
    // Act
    await runBenchmark(target, options, quiet());
    const duringRun = { ...variables };
    await target.teardown();
    // Assess
    expect(duringRun.BENCH_COLD).toEqual(expect.any(String));
    expect(variables).toEqual(original);
    const last = awsLambdaMock.commandCalls(UpdateFunctionConfigurationCommand).at(-1)?.args[0].input;
    expect(last).toEqual({
      FunctionName: fnName,
      Environment: { Variables: original },
      RevisionId: expect.stringMatching(/^rev-/),
    });
  }, 30_000);

  it('restores them when the run fails half way, too', async () => {
    // Prepare
    invokesBeforeFailure = 1;
    const target = await createAwsTarget({ stack: 'unused', rootDir: dir, outputsFile: join(dir, 'outputs.json') });
    // Act
    let failure: unknown;
    try {
      await runBenchmark(target, options, quiet());
    } catch (error) {
      failure = error;
    } finally {
      await target.teardown();
    }
    // Assess
    expect(failure).toBeDefined();
    expect(variables).toEqual(original);
  }, 30_000);

  it('uses the stack’s region from its function ARNs, not the profile’s', async () => {
    // Prepare
    const saved = process.env.AWS_REGION;
    process.env.AWS_REGION = 'us-west-2';
    try {
      // Act
      const target = await createAwsTarget({ stack: 'unused', rootDir: dir, outputsFile: join(dir, 'outputs.json') });
      const region = await target.lambda.config.region();
      await target.teardown();
      // Assess
      expect(region).toBe('eu-west-1');
    } finally {
      process.env.AWS_REGION = saved;
    }
  });

  it('falls back to the synthesized stack’s provider block when the outputs name no region', async () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'lrl-bench-region-'));
    mkdirSync(join(root, 'cdktf.out', 'stacks', 'lab'), { recursive: true });
    writeFileSync(
      join(root, 'cdktf.out', 'stacks', 'lab', 'cdk.tf.json'),
      JSON.stringify({ provider: { aws: [{ region: 'ap-south-1' }] } }),
    );
    writeFileSync(
      join(root, 'outputs.json'),
      JSON.stringify({ api_url: 'http://127.0.0.1:1', functions: { hello: { name: fnName } } }),
    );
    try {
      // Act
      const target = await createAwsTarget({ stack: 'lab', rootDir: root, outputsFile: join(root, 'outputs.json') });
      const region = await target.lambda.config.region();
      await target.teardown();
      // Assess
      expect(region).toBe('ap-south-1');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads the outputs with tofu when terraform is not installed', async () => {
    // Prepare: a PATH holding only a fake `tofu` that prints what `tofu output -json` would.
    const root = mkdtempSync(join(tmpdir(), 'lrl-bench-tofu-'));
    const bin = join(root, 'bin');
    mkdirSync(bin);
    mkdirSync(join(root, 'cdktf.out', 'stacks', 'lab'), { recursive: true });
    writeFileSync(join(root, 'outputs.json'), JSON.stringify(outputs()));
    writeFileSync(
      join(bin, 'tofu'),
      `#!/bin/sh\n[ "$1 $2" = "output -json" ] && exec /bin/cat ${join(root, 'outputs.json')}\nexit 1\n`,
    );
    chmodSync(join(bin, 'tofu'), 0o755);
    const savedPath = process.env.PATH;
    process.env.PATH = bin;
    try {
      // Act
      const read = await readStackOutputs({ stack: 'lab', rootDir: root });
      // Assess
      expect(read.functions.hello?.name).toBe(fnName);
    } finally {
      process.env.PATH = savedPath;
      rmSync(root, { recursive: true, force: true });
    }
  });
});
