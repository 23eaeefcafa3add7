import { ConfigUnavailableError, ConfigValidationError } from '../../../functions/kit/errors';
import { errorResult, httpHandler, json } from '../../../functions/kit/http';
import { createInstance } from '../../../functions/kit/instance';
import { createLogger } from '../../../functions/kit/logger';
import { Redactor } from '../../../functions/kit/redact';

const context = { awsRequestId: 'req-1' };

describe('http helpers', () => {
  it('answers a kit error with its status and stable code, and no stack', () => {
    // Prepare
    const err = new ConfigUnavailableError('configuration could not be loaded', { cause: new Error('socket hang up') });
    // Act
    const result = errorResult(err, 'inst-1');
    // Assess
    expect(result.statusCode).toBe(503);
    expect(JSON.parse(result.body)).toEqual({
      code: 'ECONFIGUNAVAILABLE',
      message: 'configuration could not be loaded',
      instanceId: 'inst-1',
    });
  });

  it('names the parameter of a validation error', () => {
    // Prepare / Act
    const result = errorResult(new ConfigValidationError('db/port', 'must be an integer'), 'i');
    // Assess
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toMatchObject({ code: 'ECONFIGINVALID', parameter: 'db/port' });
  });

  it('hides the message of an unknown error behind EINTERNAL', () => {
    // Prepare / Act
    const result = errorResult(new Error('password=hunter2 at db.ts:12'), 'i');
    // Assess
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('hunter2');
    expect(JSON.parse(result.body)).toEqual({ code: 'EINTERNAL', message: 'Internal error', instanceId: 'i' });
  });

  it('counts invocations, binds the logger and logs a thrown error once', async () => {
    // Prepare
    const lines: string[] = [];
    const inst = createInstance();
    const logger = createLogger({ write: (l) => lines.push(l), instance: inst, env: {}, redactor: new Redactor() });
    let fail = false;
    const handler = httpHandler(
      logger,
      async (_event, _ctx, info) => {
        if (fail) throw new Error('boom');
        return json(200, info);
      },
      inst,
    );
    // Act
    const first = await handler({}, context);
    fail = true;
    const second = await handler({}, { awsRequestId: 'req-2' });
    // Assess
    expect(JSON.parse(first.body)).toEqual({ invocation: 1, coldStart: true });
    expect(second.statusCode).toBe(500);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      level: 'error',
      requestId: 'req-2',
      coldStart: false,
      error: { message: 'boom' },
    });
  });
  it('unbinds the logger when the invocation ends, so a line logged while idle names no request', async () => {
    // Prepare
    const lines: string[] = [];
    const inst = createInstance();
    const logger = createLogger({ write: (l) => lines.push(l), instance: inst, env: {}, redactor: new Redactor() });
    const handler = httpHandler(logger, async () => json(200, {}), inst);
    // Act
    await handler({}, context);
    logger.warn('idle database connection failed');
    // Assess
    const record = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(record.message).toBe('idle database connection failed');
    expect(record.requestId).toBeUndefined();
    expect(record.coldStart).toBeUndefined();
  });

  it('logs each concurrent route invocation with its own requestId and counts each once', async () => {
    // Prepare
    const lines: string[] = [];
    const inst = createInstance();
    const logger = createLogger({ write: (l) => lines.push(l), instance: inst, env: {}, redactor: new Redactor() });
    const handler = httpHandler(
      logger,
      async (_event, ctx, info) => {
        logger.info('before', { expected: ctx.awsRequestId });
        await new Promise((resolve) => setTimeout(resolve, info.invocation % 3));
        logger.info('after', { expected: ctx.awsRequestId });
        return json(200, info);
      },
      inst,
    );
    // Act
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => handler({}, { awsRequestId: `req-${i}` })));
    // Assess
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(40);
    expect(records.filter((r) => r.requestId !== r.expected)).toEqual([]);
    expect(results.map((r) => JSON.parse(r.body).invocation).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });
});
