import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { loadStack, parseReferences, UnresolvedReferenceError } from '../../local/stack';
import { cacheDir, fixturesDir, json, serveRuntime } from './support';

function writeStack(env: Record<string, string>, extra: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-'));
  const code = fs.readFileSync(path.join(fixturesDir, 'echo', 'index.js'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'echo.zip'), zipSync({ 'index.js': new Uint8Array(code) }));
  const stack = {
    variable: { stage: { default: 'dev' } },
    resource: {
      aws_ssm_parameter: { msg: { name: '/app/dev/message', type: 'String', value: 'hi' } },
      aws_cloudwatch_log_group: { fn_echo: { name: '/custom/lab-echo' } },
      aws_lambda_function: {
        echo_fn: {
          function_name: 'lab-${var.stage}-echo',
          handler: 'index.handler',
          runtime: 'nodejs24.x',
          memory_size: 256,
          timeout: 7,
          filename: 'assets/echo.zip',
          reserved_concurrent_executions: 5,
          environment: { variables: env },
          ...extra,
        },
      },
      aws_lambda_provisioned_concurrency_config: {
        pc: {
          function_name: '${aws_lambda_function.echo_fn.function_name}',
          provisioned_concurrent_executions: 1,
          qualifier: '1',
        },
      },
    },
  };
  const file = path.join(dir, 'cdk.tf.json');
  fs.writeFileSync(file, JSON.stringify(stack));
  return file;
}

describe('Terraform JSON stack', () => {
  it('reads functions with their settings and resolves references from the stack and a map', async () => {
    // Prepare
    const file = writeStack({ PARAM: '${aws_ssm_parameter.msg.name}', REGION: '${var.region}', LITERAL: 'a$${b}' });
    // Act
    const { functions } = await loadStack(file, { cacheDir, references: { 'var.region': 'eu-west-1' } });
    // Assess
    expect(functions).toHaveLength(1);
    expect(functions[0]).toMatchObject({
      name: 'lab-dev-echo',
      memorySize: 256,
      timeout: 7,
      reservedConcurrency: 5,
      provisionedConcurrency: 1,
      environment: { PARAM: '/app/dev/message', REGION: 'eu-west-1', LITERAL: 'a${b}' },
    });
    expect(fs.existsSync(path.join(functions[0]?.codeDir ?? '', 'index.js'))).toBe(true);
  });

  it('reads logging_config and resolves its log group', async () => {
    // Prepare
    const file = writeStack(
      {},
      {
        logging_config: {
          log_format: 'JSON',
          application_log_level: 'DEBUG',
          system_log_level: 'WARN',
          log_group: '${aws_cloudwatch_log_group.fn_echo.name}',
        },
      },
    );
    // Act
    const { functions } = await loadStack(file, { cacheDir });
    // Assess
    expect(functions[0]?.logging).toEqual({
      logFormat: 'JSON',
      applicationLogLevel: 'DEBUG',
      systemLogLevel: 'WARN',
      logGroup: '/custom/lab-echo',
    });
  });

  it('refuses a log level Lambda does not have, and levels in Text format, naming the attribute', async () => {
    // Prepare
    const badLevel = writeStack({}, { logging_config: { log_format: 'JSON', application_log_level: 'VERBOSE' } });
    const textLevel = writeStack({}, { logging_config: { log_format: 'Text', system_log_level: 'INFO' } });
    // Act + Assess
    await expect(loadStack(badLevel, { cacheDir })).rejects.toThrow(
      /aws_lambda_function\.echo_fn\.logging_config\.application_log_level is "VERBOSE"; allowed: TRACE, DEBUG/,
    );
    await expect(loadStack(textLevel, { cacheDir })).rejects.toThrow(
      /logging_config: log levels need log_format "JSON"/,
    );
  });

  it('names every unresolved reference', async () => {
    // Prepare
    const file = writeStack({ A: '${aws_db_instance.main.address}', B: '${upper(var.stage)}' });
    // Act
    const err = await loadStack(file, { cacheDir }).catch((e: unknown) => e);
    // Assess
    expect(err).toBeInstanceOf(UnresolvedReferenceError);
    expect((err as Error).message).toContain(
      '${aws_db_instance.main.address} in aws_lambda_function.echo_fn.environment.A',
    );
    expect((err as Error).message).toContain('${upper(var.stage)}');
  });

  it('parses only plain attribute paths into parts', () => {
    expect(parseReferences('${a.b.c}-${f(x)}').map((r) => r.parts)).toEqual([['a', 'b', 'c'], []]);
  });

  it('serves a function loaded from the stack file', async () => {
    // Prepare
    const file = writeStack({ CUSTOM: '${var.stage}' });
    const service = await serveRuntime([], { stackFile: file, functions: undefined });
    try {
      // Act
      const result = await service.runtime.invoke('lab-dev-echo', {});
      // Assess
      expect((json(result.payload).env as Record<string, unknown>).CUSTOM).toBe('dev');
    } finally {
      await service.stop();
    }
  });
});
