import * as fs from 'node:fs';
import * as path from 'node:path';
import { findModule, loadHandler } from '../../../local/runtime/bootstrap/handler-loader';
import { nativeImport, tempDir } from './support';

describe('loadHandler', () => {
  let taskRoot: string;
  let remove: () => void;

  beforeEach(() => {
    ({ dir: taskRoot, remove } = tempDir('task'));
  });

  afterEach(() => remove());

  function write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(taskRoot, file)), { recursive: true });
    fs.writeFileSync(path.join(taskRoot, file), text);
  }

  function load(handler: string) {
    return loadHandler({ handler, taskRoot, importModule: nativeImport });
  }

  it('loads a CommonJS handler from a .js file', async () => {
    // Prepare
    write('index.js', 'exports.handler = async (event) => ({ cjs: true, event });');

    // Act
    const handler = await load('index.handler');

    // Assess
    await expect(handler({ a: 1 }, {})).resolves.toEqual({ cjs: true, event: { a: 1 } });
  });

  it('resolves a module in a subfolder and an export path with dots', async () => {
    // Prepare
    write('src/app.js', 'exports.api = { get: () => "nested" };');

    // Act
    const handler = await load('src/app.api.get');

    // Assess
    expect(handler({}, {})).toBe('nested');
  });

  it('loads an ES module from a .mjs file, waiting for its top-level await', async () => {
    // Prepare
    write(
      'index.mjs',
      'const ready = await new Promise((r) => setTimeout(() => r("awaited"), 20));\n' +
        'export const handler = async () => ({ esm: true, ready });',
    );

    // Act
    const handler = await load('index.handler');

    // Assess
    await expect(handler({}, {})).resolves.toEqual({ esm: true, ready: 'awaited' });
  });

  it('loads a .js file as an ES module under a package.json of type module', async () => {
    // Prepare: `export` would be a syntax error in CommonJS
    write('package.json', '{"type":"module"}');
    write('lib/index.js', 'export const handler = () => "esm by package.json";');

    // Act
    const handler = await load('lib/index.handler');

    // Assess
    expect(handler({}, {})).toBe('esm by package.json');
  });

  it('loads a .cjs file as CommonJS even under a package.json of type module', async () => {
    // Prepare
    write('package.json', '{"type":"module"}');
    write('index.cjs', 'module.exports.handler = () => "cjs";');

    // Act
    const handler = await load('index.handler');

    // Assess
    expect(handler({}, {})).toBe('cjs');
  });

  it("finds an ES module's handler on its default export", async () => {
    // Prepare
    write('index.mjs', 'export default { handler: () => "from default" };');

    // Act
    const handler = await load('index.handler');

    // Assess
    expect(handler({}, {})).toBe('from default');
  });

  it('refuses a missing module with Runtime.ImportModuleError', async () => {
    // Act
    const loading = load('missing.handler');

    // Assess
    await expect(loading).rejects.toMatchObject({
      name: 'Runtime.ImportModuleError',
      code: 'EIMPORTMODULE',
      message: "Error: Cannot find module 'missing'",
    });
  });

  it('refuses a handler name without an export with Runtime.MalformedHandlerName', async () => {
    // Act
    const loading = load('index');

    // Assess
    await expect(loading).rejects.toMatchObject({ name: 'Runtime.MalformedHandlerName', message: 'Bad handler' });
  });

  it('refuses an export that is not a function with Runtime.HandlerNotFound', async () => {
    // Prepare
    write('index.js', 'exports.handler = 42;');

    // Act
    const loading = load('index.other');
    const notFunction = load('index.handler');

    // Assess
    await expect(loading).rejects.toMatchObject({
      name: 'Runtime.HandlerNotFound',
      code: 'EHANDLERNOTFOUND',
      message: 'index.other is undefined or not exported',
    });
    await expect(notFunction).rejects.toMatchObject({ name: 'Runtime.HandlerNotFound' });
  });

  it('reports a module that does not parse as Runtime.UserCodeSyntaxError, keeping the cause', async () => {
    // Prepare
    write('index.js', 'exports.handler = () => {;');

    // Act
    const loading = load('index.handler');

    // Assess
    await expect(loading).rejects.toMatchObject({
      name: 'Runtime.UserCodeSyntaxError',
      code: 'EUSERCODESYNTAX',
      message: expect.stringMatching(/^SyntaxError: /),
      cause: expect.any(SyntaxError),
    });
  });

  it("lets an error the module's own code throws while loading through as it is", async () => {
    // Prepare
    write('index.js', 'throw new RangeError("no config");');

    // Act
    const loading = load('index.handler');

    // Assess
    await expect(loading).rejects.toMatchObject({ name: 'RangeError', message: 'no config' });
  });
});

describe('findModule', () => {
  it('prefers .js over .mjs over .cjs', () => {
    // Prepare
    const { dir, remove } = tempDir('find');
    for (const ext of ['.mjs', '.cjs']) fs.writeFileSync(path.join(dir, `index${ext}`), '');
    fs.writeFileSync(path.join(dir, 'only.cjs'), '');

    // Act
    const withMjs = findModule(dir, 'index');
    fs.writeFileSync(path.join(dir, 'index.js'), '');
    const withJs = findModule(dir, 'index');
    const onlyCjs = findModule(dir, 'only');
    remove();

    // Assess
    expect(withMjs).toEqual({ file: path.join(dir, 'index.mjs'), esm: true });
    expect(withJs).toEqual({ file: path.join(dir, 'index.js'), esm: false });
    expect(onlyCjs).toEqual({ file: path.join(dir, 'only.cjs'), esm: false });
  });
});
