import { InvalidOptionError } from '../../../functions/kit/errors';
import { createInstance } from '../../../functions/kit/instance';
import { createLogger, describeError } from '../../../functions/kit/logger';
import { Redactor } from '../../../functions/kit/redact';

function capture() {
  const lines: string[] = [];
  return {
    lines,
    write: (line: string) => lines.push(line),
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('Logger', () => {
  it('writes one JSON line with level, message, timestamp, requestId, instanceId, coldStart and traceId', () => {
    // Prepare
    const out = capture();
    const instance = createInstance();
    const env: NodeJS.ProcessEnv = { _X_AMZN_TRACE_ID: 'Root=1-aaa' };
    const log = createLogger({
      write: out.write,
      instance,
      env,
      now: () => Date.UTC(2026, 0, 2),
      redactor: new Redactor(),
    });
    // Act
    log.runInvocation('req-1', true, () => log.info('hello', { n: 1 }));
    // Assess
    expect(out.records()).toEqual([
      {
        level: 'info',
        message: 'hello',
        n: 1,
        timestamp: '2026-01-02T00:00:00.000Z',
        requestId: 'req-1',
        instanceId: instance.id,
        coldStart: true,
        traceId: 'Root=1-aaa',
      },
    ]);
  });

  it('reads the trace id again for each invocation, since Lambda changes it every time', () => {
    // Prepare
    const out = capture();
    const env: NodeJS.ProcessEnv = { _X_AMZN_TRACE_ID: 'Root=1-first' };
    const log = createLogger({ write: out.write, env, redactor: new Redactor() });
    // Act
    log.runInvocation('r1', true, () => log.info('one'));
    env._X_AMZN_TRACE_ID = 'Root=1-second';
    log.runInvocation('r2', false, () => log.info('two'));
    // Assess
    expect(out.records().map((r) => [r.requestId, r.traceId, r.coldStart])).toEqual([
      ['r1', 'Root=1-first', true],
      ['r2', 'Root=1-second', false],
    ]);
  });

  it('tags each line with its own requestId while fifty invocations interleave on one module-scope logger', async () => {
    // Prepare
    const out = capture();
    const log = createLogger({ write: out.write, env: {}, redactor: new Redactor() });
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const ids = Array.from({ length: 50 }, (_, i) => `req-${i}`);
    // Act
    await Promise.all(
      ids.map((id, i) =>
        log.runInvocation(id, i === 0, async () => {
          log.info('start', { expected: id });
          await pause((i * 7) % 5);
          log.info('middle', { expected: id });
          await Promise.resolve();
          await pause((i * 3) % 4);
          log.info('end', { expected: id });
        }),
      ),
    );
    // Assess
    const records = out.records();
    expect(records).toHaveLength(150);
    // They did interleave: every invocation had started before any reached its second line.
    expect(records.slice(0, 50).map((r) => r.message)).toEqual(Array(50).fill('start'));
    expect(records.filter((r) => r.requestId !== r.expected)).toEqual([]);
    expect(records.filter((r) => r.coldStart === true).map((r) => r.requestId)).toEqual(['req-0', 'req-0', 'req-0']);
  });

  it('logs no request fields outside an invocation, even right after one ran', async () => {
    // Prepare
    const out = capture();
    const log = createLogger({ write: out.write, env: { _X_AMZN_TRACE_ID: 'Root=1-x' }, redactor: new Redactor() });
    await log.runInvocation('r1', true, async () => log.info('inside'));
    // Act
    log.info('outside');
    // Assess
    expect(out.records()[1]).toMatchObject({ message: 'outside' });
    expect(out.records()[1]).not.toHaveProperty('requestId');
    expect(out.records()[1]).not.toHaveProperty('traceId');
  });

  it('redacts registered secret values and secret-looking keys', () => {
    // Prepare
    const out = capture();
    const redactor = new Redactor();
    redactor.addSecret('s3cr3t-value');
    const log = createLogger({ write: out.write, redactor, env: {} });
    // Act
    log.error('failed with s3cr3t-value inside', {
      password: 'other',
      nested: { connectionString: 'postgres://u:p@h/d' },
      note: 'x s3cr3t-value y',
    });
    // Assess
    const line = out.lines[0] ?? '';
    expect(line).not.toContain('s3cr3t-value');
    expect(line).not.toContain('other');
    expect(line).not.toContain('postgres://u:p@h/d');
    expect(JSON.parse(line)).toMatchObject({
      password: '[REDACTED]',
      nested: { connectionString: '[REDACTED]' },
      note: 'x [REDACTED] y',
    });
  });

  it('drops lines below LOG_LEVEL', () => {
    // Prepare
    const out = capture();
    const log = createLogger({ write: out.write, env: { LOG_LEVEL: 'WARN' }, redactor: new Redactor() });
    // Act
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    // Assess
    expect(out.records().map((r) => r.level)).toEqual(['warn', 'error']);
  });

  it('rejects an unknown level naming the option and the allowed values', () => {
    // Prepare / Act / Assess
    expect(() => createLogger({ env: { LOG_LEVEL: 'loud' } })).toThrow(InvalidOptionError);
    expect(() => createLogger({ env: { LOG_LEVEL: 'loud' } })).toThrow(/level.*"loud".*debug, info, warn, error/);
  });

  it('describes an error by name, code, message and cause, without the stack', () => {
    // Prepare
    const err = new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'ECONNRESET' }) });
    // Act
    const described = describeError(err);
    // Assess
    expect(described).toEqual({
      name: 'Error',
      code: undefined,
      message: 'outer',
      cause: { name: 'Error', code: 'ECONNRESET', message: 'inner', cause: undefined },
    });
    expect(JSON.stringify(described)).not.toContain('at ');
  });
});
