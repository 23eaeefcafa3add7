import { jsonRecord, type LogLevel, patchConsole } from '../../../local/runtime/bootstrap/logging';

function capture() {
  const lines: string[] = [];
  return { lines, write: (text: string) => lines.push(text) };
}

function patched(requestId: () => string | undefined, json?: { level?: LogLevel }) {
  const stdout = capture();
  const stderr = capture();
  const target = {} as Pick<Console, 'log' | 'info' | 'debug' | 'warn' | 'error' | 'trace'>;
  patchConsole(target, { stdout, stderr, requestId, ...(json ? { format: 'JSON' as const, ...json } : {}) });
  return { target, stdout: stdout.lines, stderr: stderr.lines };
}

const linePattern = (requestId: string, level: string, message: string) =>
  new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${requestId}\\t${level}\\t${message}\\n$`);

describe('patchConsole', () => {
  it('prefixes each line with the time, the request id and the level, as Lambda does', () => {
    // Prepare
    const { target, stdout } = patched(() => 'req-1');

    // Act
    target.log('hello %s', 'world', { n: 1 });

    // Assess
    expect(stdout).toHaveLength(1);
    expect(stdout[0]).toMatch(linePattern('req-1', 'INFO', 'hello world \\{ n: 1 \\}'));
  });

  it('sends INFO and DEBUG to stdout, WARN, ERROR and TRACE to stderr', () => {
    // Prepare
    const { target, stdout, stderr } = patched(() => 'r');

    // Act
    target.log('a');
    target.info('b');
    target.debug('c');
    target.warn('d');
    target.error('e');
    target.trace('f');

    // Assess
    expect(stdout.map((l) => l.split('\t').slice(2).join('\t'))).toEqual(['INFO\ta\n', 'INFO\tb\n', 'DEBUG\tc\n']);
    expect(stderr.map((l) => l.split('\t').slice(2).join('\t'))).toEqual(['WARN\td\n', 'ERROR\te\n', 'TRACE\tf\n']);
  });

  it('reads the request id at each line, writing undefined before the first invocation', () => {
    // Prepare
    let requestId: string | undefined;
    const { target, stdout } = patched(() => requestId);

    // Act
    target.log('init');
    requestId = 'req-2';
    target.log('invoke');

    // Assess
    expect(stdout[0]).toMatch(linePattern('undefined', 'INFO', 'init'));
    expect(stdout[1]).toMatch(linePattern('req-2', 'INFO', 'invoke'));
  });
});

describe('patchConsole in JSON format', () => {
  const records = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  it('writes one record a line with timestamp, level, requestId and message, console.log as INFO', () => {
    // Prepare
    const { target, stdout } = patched(() => 'req-j', {});

    // Act
    target.log('hello %s', 'world');
    target.info('multi\nline');

    // Assess
    expect(stdout).toHaveLength(2);
    expect(stdout.every((l) => l.endsWith('}\n') && l.indexOf('\n') === l.length - 1)).toBe(true);
    const [first, second] = records(stdout);
    expect(Object.keys(first ?? {})).toEqual(['timestamp', 'level', 'requestId', 'message']);
    expect(first).toMatchObject({ level: 'INFO', requestId: 'req-j', message: 'hello world' });
    expect(first?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(second).toMatchObject({ level: 'INFO', message: 'multi\nline' });
  });

  it('drops the methods below the application log level and keeps the rest', () => {
    // Prepare
    const { target, stdout, stderr } = patched(() => 'r', { level: 'WARN' });

    // Act
    target.trace('t');
    target.debug('d');
    target.info('i');
    target.log('l');
    target.warn('w');
    target.error('e');

    // Assess
    expect(stdout).toEqual([]);
    expect(records(stderr).map((r) => [r.level, r.message])).toEqual([
      ['WARN', 'w'],
      ['ERROR', 'e'],
    ]);
  });

  it('writes everything, TRACE included, when no level is given', () => {
    // Prepare
    const { target, stdout, stderr } = patched(() => 'r', {});

    // Act
    target.trace('t');
    target.debug('d');

    // Assess
    expect(records(stderr)[0]).toMatchObject({ level: 'TRACE', message: 't' });
    expect(records(stdout)[0]).toMatchObject({ level: 'DEBUG', message: 'd' });
  });
});

describe('jsonRecord', () => {
  it('keeps a lone object as the message, as JSON', () => {
    // Act
    const record = JSON.parse(jsonRecord('t', 'r', 'INFO', [{ orderId: 7, tags: ['a'] }]));

    // Assess
    expect(record).toEqual({ timestamp: 't', level: 'INFO', requestId: 'r', message: { orderId: 7, tags: ['a'] } });
  });

  it('turns a lone Error into errorType, errorMessage and stackTrace lines', () => {
    // Prepare
    const err = new RangeError('too far');

    // Act
    const record = JSON.parse(jsonRecord('t', 'r', 'ERROR', [err]));

    // Assess
    expect(record.message).toMatchObject({ errorType: 'RangeError', errorMessage: 'too far' });
    expect(record.message.stackTrace[0]).toBe('RangeError: too far');
    expect(record.message.stackTrace.length).toBeGreaterThan(1);
  });

  it('formats several arguments into the message and adds the first Error among them to the record', () => {
    // Prepare
    const err = new TypeError('bad input');

    // Act
    const record = JSON.parse(jsonRecord('t', 'r', 'ERROR', ['failed for %s', 'order-1', err]));

    // Assess
    expect(record.message).toMatch(/^failed for order-1 TypeError: bad input/);
    expect(record).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    expect(record.stackTrace[0]).toBe('TypeError: bad input');
  });

  it('leaves requestId out before the first invocation and survives a cyclic message', () => {
    // Prepare
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;

    // Act
    const record = JSON.parse(jsonRecord('t', undefined, 'INFO', [cyclic]));

    // Assess
    expect('requestId' in record).toBe(false);
    expect(record.message).toMatch(/<ref \*1> \{ a: 1, self: \[Circular \*1\] \}/);
  });
});
