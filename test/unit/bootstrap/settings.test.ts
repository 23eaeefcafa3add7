import { takeSettings } from '../../../local/runtime/bootstrap/settings';

describe('takeSettings', () => {
  it('reads the Runtime API address, handler, task root and runtime from the environment', () => {
    // Prepare
    const env: NodeJS.ProcessEnv = {
      AWS_LAMBDA_RUNTIME_API: '127.0.0.1:41234',
      _HANDLER: 'index.handler',
      LAMBDA_TASK_ROOT: '/var/task',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    };

    // Act
    const settings = takeSettings(env, '/cwd');

    // Assess
    expect(settings).toEqual({
      apiHost: '127.0.0.1',
      apiPort: 41234,
      handler: 'index.handler',
      taskRoot: '/var/task',
      callbacksAllowed: true,
      statusFd: undefined,
      selfFreeze: false,
      logFormat: 'Text',
      logLevel: 'TRACE',
      maxConcurrency: undefined,
      workers: 1,
    });
  });

  it('switches to Managed Instances only when AWS_LAMBDA_MAX_CONCURRENCY is present, and takes the worker count', () => {
    // Prepare
    const env: NodeJS.ProcessEnv = { AWS_LAMBDA_MAX_CONCURRENCY: '32', LOCAL_LAMBDA_WORKERS: '3' };
    // Act
    const local = takeSettings(env, '/cwd');
    const set = takeSettings(
      { AWS_LAMBDA_MAX_CONCURRENCY: '32', AWS_LAMBDA_NODEJS_WORKER_COUNT: '5', LOCAL_LAMBDA_WORKERS: '3' },
      '/cwd',
    );
    // Assess
    expect([local.maxConcurrency, local.workers]).toEqual([32, 3]);
    expect(set.workers).toBe(5);
    // The runtime's own variable goes before the handler loads; Lambda's stays.
    expect(env).toEqual({ AWS_LAMBDA_MAX_CONCURRENCY: '32' });
  });

  it('reads the log format and level Lambda sets, any case, and leaves them for the function', () => {
    // Prepare
    const env: NodeJS.ProcessEnv = { AWS_LAMBDA_LOG_FORMAT: 'json', AWS_LAMBDA_LOG_LEVEL: 'warn' };

    // Act
    const settings = takeSettings(env, '/cwd');
    const unknown = takeSettings({ AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'LOUD' }, '/cwd');

    // Assess
    expect([settings.logFormat, settings.logLevel]).toEqual(['JSON', 'WARN']);
    expect(unknown.logLevel).toBe('TRACE');
    expect(env).toEqual({ AWS_LAMBDA_LOG_FORMAT: 'json', AWS_LAMBDA_LOG_LEVEL: 'warn' });
  });

  it('falls back to the working folder as task root and to nodejs24.x rules', () => {
    // Act
    const settings = takeSettings({ AWS_LAMBDA_RUNTIME_API: 'localhost:9001' }, '/cwd');

    // Assess
    expect(settings).toMatchObject({ taskRoot: '/cwd', callbacksAllowed: false, handler: '' });
  });

  it("takes the local runtime's own variables and deletes them before the handler can see them", () => {
    // Prepare
    const env: NodeJS.ProcessEnv = { LOCAL_LAMBDA_STATUS_FD: '3', LOCAL_LAMBDA_SELF_FREEZE: '1', KEEP: 'me' };

    // Act
    const settings = takeSettings(env, '/cwd');

    // Assess
    expect(settings).toMatchObject({ statusFd: 3, selfFreeze: true });
    expect(env).toEqual({ KEEP: 'me' });
  });

  it('ignores a status fd that is stdio or not a number', () => {
    // Act
    const stdio = takeSettings({ LOCAL_LAMBDA_STATUS_FD: '2' }, '/cwd');
    const junk = takeSettings({ LOCAL_LAMBDA_STATUS_FD: 'x' }, '/cwd');

    // Assess
    expect([stdio.statusFd, junk.statusFd]).toEqual([undefined, undefined]);
  });
});
