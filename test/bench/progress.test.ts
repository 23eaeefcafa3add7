import { PassThrough } from 'node:stream';
import { createProgress } from '../../bench/progress';

/** A real in-memory stream that says whether it is a terminal, capturing what is written. */
function stream(isTTY: boolean): { stream: NodeJS.WriteStream; output: () => string } {
  const s = new PassThrough();
  let written = '';
  s.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  Object.assign(s, { isTTY, columns: 120, rows: 40 });
  return { stream: s as unknown as NodeJS.WriteStream, output: () => written };
}

describe('benchmark progress bar', () => {
  it('draws nothing but log lines when the output is not a terminal', async () => {
    // Prepare
    const out = stream(false);
    const progress = createProgress({ stream: out.stream });
    // Act
    progress.stage('hello · cold starts', 3);
    progress.tick();
    progress.tick(2);
    progress.log('hello: 3 cold starts');
    progress.stop();
    await new Promise((r) => setImmediate(r));
    // Assess
    expect(progress.interactive).toBe(false);
    expect(out.output()).toBe('hello: 3 cold starts\n');
  });

  it('draws a bar with the stage label and count on a terminal', async () => {
    // Prepare
    const out = stream(true);
    const progress = createProgress({ stream: out.stream });
    // Act
    progress.stage('db · warm', 4);
    progress.tick(4);
    progress.log('db done');
    progress.stop();
    progress.stop();
    await new Promise((r) => setImmediate(r));
    // Assess
    expect(progress.interactive).toBe(true);
    expect(out.output()).toContain('db · warm');
    expect(out.output()).toContain('4/4');
    expect(out.output()).toContain('db done');
  });

  it('stays quiet on a terminal when disabled', async () => {
    // Prepare
    const out = stream(true);
    // Act
    const progress = createProgress({ stream: out.stream, enabled: false });
    progress.stage('x', 1);
    progress.tick();
    progress.stop();
    await new Promise((r) => setImmediate(r));
    // Assess
    expect(progress.interactive).toBe(false);
    expect(out.output()).toBe('');
  });
});
