import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { loadStack } from '../../local/stack';
import { cacheDir, fixturesDir } from './support';

/** A stack with one function attached to a capacity provider, shaped as `LAMBDA_MODE=managed-instances` synthesizes it. */
function writeStack(fn: Record<string, unknown>, resources: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-lmi-'));
  const code = fs.readFileSync(path.join(fixturesDir, 'concurrent', 'index.js'));
  fs.writeFileSync(path.join(dir, 'concurrent.zip'), zipSync({ 'index.js': new Uint8Array(code) }));
  const stack = {
    resource: {
      aws_lambda_capacity_provider: {
        main: {
          name: 'lab-dev',
          capacity_provider_scaling_config: [{ max_vcpu_count: 12, scaling_mode: 'Auto' }],
        },
      },
      aws_lambda_function: {
        fn: {
          function_name: 'lab-dev-concurrent',
          handler: 'index.handler',
          runtime: 'nodejs24.x',
          memory_size: 4096,
          timeout: 5,
          filename: 'concurrent.zip',
          ...fn,
        },
      },
      ...resources,
    },
  };
  const file = path.join(dir, 'cdk.tf.json');
  fs.writeFileSync(file, JSON.stringify(stack));
  return file;
}

const attached = {
  capacity_provider_config: {
    lambda_managed_instances_capacity_provider_config: {
      capacity_provider_arn: '${aws_lambda_capacity_provider.main.arn}',
      execution_environment_memory_gib_per_vcpu: 2,
      per_execution_environment_max_concurrency: 32,
    },
  },
};

describe('Terraform JSON stack: Managed Instances', () => {
  it('reads capacity_provider_config and bounds the environments by the provider’s vCPUs', async () => {
    // Prepare
    const file = writeStack(attached);
    // Act
    const { functions } = await loadStack(file, { cacheDir });
    // Assess: 4096 MB at 2 GiB per vCPU is 2 vCPUs, so 12 vCPUs hold 6 environments.
    expect(functions[0]?.managedInstances).toEqual({
      capacityProvider: 'main',
      maxConcurrency: 32,
      memoryGiBPerVcpu: 2,
      maxEnvironments: 6,
    });
  });

  it('takes the minimum and maximum environments from the function’s scaling config', async () => {
    // Prepare
    const file = writeStack(attached, {
      aws_lambda_function_scaling_config: {
        fn: {
          function_name: '${aws_lambda_function.fn.function_name}',
          qualifier: '$LATEST.PUBLISHED',
          function_scaling_config: [{ min_execution_environments: 1, max_execution_environments: 4 }],
        },
      },
    });
    // Act
    const { functions } = await loadStack(file, { cacheDir });
    // Assess
    expect(functions[0]?.managedInstances).toMatchObject({ minEnvironments: 1, maxEnvironments: 4 });
  });

  it('leaves a function without capacity_provider_config classic', async () => {
    // Act
    const { functions } = await loadStack(writeStack({}), { cacheDir });
    // Assess
    expect(functions[0]?.managedInstances).toBeUndefined();
  });

  it('refuses a capacity_provider_config without its Managed Instances block, naming the attribute', async () => {
    // Act
    const load = loadStack(writeStack({ capacity_provider_config: {} }), { cacheDir });
    // Assess
    await expect(load).rejects.toThrow(
      /aws_lambda_function\.fn\.capacity_provider_config has no lambda_managed_instances/,
    );
  });
});
