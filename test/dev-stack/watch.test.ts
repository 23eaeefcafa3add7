import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatRebuild, type RebuildReport, startFunctionBuilds } from '../../local/dev-stack/function-builds';
import type { InvocationEvent, LocalLambda } from '../../local/runtime';
import { cacheDir, json, startRuntime, waitFor } from '../runtime/support';

const repoRoot = resolve(__dirname, '..', '..');

/** A small source tree like the repository's: two functions, one importing a shared kit module. */
function sourceTree(): string {
  const artifacts = join(repoRoot, 'test', 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const root = mkdtempSync(join(artifacts, 'watch-'));
  for (const dir of ['functions/greet', 'functions/other', 'functions/kit', 'empty'])
    mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'functions/kit/word.ts'), `export const word = 'v1';\n`);
  writeFileSync(
    join(root, 'functions/greet/handler.ts'),
    `import { word } from '../kit/word';\nexport const handler = async () => ({ answer: 'hello ' + word });\n`,
  );
  writeFileSync(
    join(root, 'functions/other/handler.ts'),
    `export const handler = async () => ({ answer: 'other' });\n`,
  );
  return root;
}

describe('watch: rebuilding functions on change', () => {
  let root: string;
  let rt: LocalLambda;
  const invocations: InvocationEvent[] = [];

  beforeEach(async () => {
    root = sourceTree();
    const code = join(root, 'empty');
    const fn = { handler: 'index.handler', runtime: 'nodejs24.x', memorySize: 128, timeout: 3, codeDir: code };
    rt = await startRuntime([
      { ...fn, name: 'lab-dev-greet' },
      { ...fn, name: 'lab-dev-other' },
    ]);
    invocations.length = 0;
    rt.on('invocation', (e) => invocations.push(e));
  });

  afterEach(async () => {
    await rt.stop();
    rmSync(root, { recursive: true, force: true });
  });

  async function answer(name: string): Promise<{ answer: string; coldStart: boolean }> {
    const before = invocations.length;
    const result = await rt.invoke(name, {});
    await waitFor(() => invocations.length > before, 2_000);
    return { answer: json(result.payload).answer as string, coldStart: invocations[before]?.coldStart as boolean };
  }

  it('serves an edit from a cold start, and keeps the old code when the edit does not build', async () => {
    // Prepare
    const reports: RebuildReport[] = [];
    const builds = await startFunctionBuilds({
      rootDir: root,
      watchDir: join(root, 'functions'),
      targets: [
        { name: 'greet', entry: 'functions/greet/handler.ts' },
        { name: 'other', entry: 'functions/other/handler.ts' },
      ],
      functionName: (n) => `lab-dev-${n}`,
      cacheDir,
      runtime: rt,
      debounceMs: 50,
      onRebuild: (r) => reports.push(r),
    });
    try {
      const first = await answer('lab-dev-greet');
      await answer('lab-dev-other');

      // Act 1: a change in the shared module
      writeFileSync(join(root, 'functions/kit/word.ts'), `export const word = 'v2';\n`);
      await waitFor(() => reports.length >= 2, 10_000);
      await builds.idle();
      const edited = await answer('lab-dev-greet');
      const other = await answer('lab-dev-other');

      // Assess 1: only the function importing it was rebuilt; it answers anew, from a cold start
      expect(first).toEqual({ answer: 'hello v1', coldStart: true });
      expect(reports[0]).toMatchObject({ initial: true, updated: ['greet', 'other'] });
      expect(reports[1]).toMatchObject({ initial: false, updated: ['greet'], failed: [] });
      expect(formatRebuild(reports[1] as RebuildReport)).toMatch(
        /^watch: rebuilt greet \(\d+ ms\); next request is a cold start$/,
      );
      expect(edited).toEqual({ answer: 'hello v2', coldStart: true });
      expect(other).toEqual({ answer: 'other', coldStart: false });

      // Act 2: a syntax error, saved as many editors save: a new file renamed over the old one
      const handlerFile = join(root, 'functions/greet/handler.ts');
      writeFileSync(`${handlerFile}.swp`, `export const handler = async () => ({ answer: ;\n`);
      renameSync(`${handlerFile}.swp`, handlerFile);
      await waitFor(() => reports.length >= 3, 10_000);
      await builds.idle();
      const broken = await answer('lab-dev-greet');

      // Assess 2: the error is reported, the previous code keeps serving, warm
      expect(reports[2]?.updated).toEqual([]);
      expect(reports[2]?.failed).toEqual([{ name: 'greet', message: expect.stringContaining('handler.ts') }]);
      expect(formatRebuild(reports[2] as RebuildReport)).toContain('its previous code keeps serving');
      expect(broken).toEqual({ answer: 'hello v2', coldStart: false });

      // Act 3: the fix, written in place into the renamed file
      writeFileSync(handlerFile, `export const handler = async () => ({ answer: 'fixed' });\n`);
      await waitFor(() => reports.length >= 4, 10_000);
      await builds.idle();
      const fixed = await answer('lab-dev-greet');

      // Assess 3: the replaced file is still watched
      expect(reports[3]).toMatchObject({ updated: ['greet'], failed: [] });
      expect(fixed).toEqual({ answer: 'fixed', coldStart: true });
    } finally {
      await builds.stop();
    }
  });

  it('maps the served bundle back to the sources for a debugger (absolute sourceRoot)', async () => {
    // Prepare
    const builds = await startFunctionBuilds({
      rootDir: root,
      watchDir: join(root, 'functions'),
      targets: [{ name: 'greet', entry: 'functions/greet/handler.ts' }],
      functionName: (n) => `lab-dev-${n}`,
      cacheDir,
      runtime: rt,
      unminified: ['greet'],
      watch: false,
    });
    await builds.stop();
    // Act
    const codeDir = rt.control.resolve('lab-dev-greet').def.codeDir;
    const map = JSON.parse(readFileSync(join(codeDir, 'index.js.map'), 'utf8')) as {
      sourceRoot: string;
      sources: string[];
    };
    const resolved = map.sources.map((s) => new URL(s, map.sourceRoot).pathname);
    // Assess
    expect(resolved).toContain(join(root, 'functions/greet/handler.ts'));
    expect(resolved).toContain(join(root, 'functions/kit/word.ts'));
    expect(readFileSync(join(codeDir, 'index.js'), 'utf8')).toContain('hello ');
  });
});
