import { patchConsole } from '../../../local/runtime/bootstrap/logging';

function capture() {
  const lines: string[] = [];
  return { lines, write: (text: string) => lines.push(text) };
}

function patched(requestId: () => string | undefined) {
  const stdout = capture();
  const stderr = capture();
  const target = {} as Pick<Console, 'log' | 'info' | 'debug' | 'warn' | 'error' | 'trace'>;
  patchConsole(target, { stdout, stderr, requestId });
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
