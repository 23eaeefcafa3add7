import * as fs from 'node:fs';
import * as path from 'node:path';
import { CALLBACK_DEPRECATED_MESSAGE } from '../../../local/runtime/bootstrap/callback-rules';
import { initHandler } from '../../../local/runtime/bootstrap/init';
import { nativeImport, tempDir } from './support';

describe('initHandler', () => {
  let taskRoot: string;
  let remove: () => void;
  let reported: Array<{ path: string; err: unknown }>;
  let logged: unknown[][];

  beforeEach(() => {
    ({ dir: taskRoot, remove } = tempDir('init'));
    reported = [];
    logged = [];
  });

  afterEach(() => remove());

  function init(handler: string, callbacksAllowed: boolean) {
    return initHandler({
      handler,
      taskRoot,
      callbacksAllowed,
      importModule: nativeImport,
      reportError: async (p, err) => {
        reported.push({ path: p, err });
      },
      log: (...args) => logged.push(args),
    });
  }

  it('resolves with the handler and reports nothing when it loads', async () => {
    // Prepare
    fs.writeFileSync(path.join(taskRoot, 'index.js'), 'exports.handler = async () => "ok";');

    // Act
    const handler = await init('index.handler', false);

    // Assess
    expect(typeof handler).toBe('function');
    expect(reported).toEqual([]);
  });

  it('logs "Init Error" and posts a missing module to /runtime/init/error', async () => {
    // Act
    const handler = await init('missing.handler', false);

    // Assess
    expect(handler).toBeUndefined();
    expect(logged).toEqual([['Init Error', "Error: Cannot find module 'missing'"]]);
    expect(reported).toEqual([
      { path: '/runtime/init/error', err: expect.objectContaining({ name: 'Runtime.ImportModuleError' }) },
    ]);
  });

  it('refuses a callback-style handler on nodejs24.x rules, and takes it on nodejs22.x rules', async () => {
    // Prepare
    fs.writeFileSync(path.join(taskRoot, 'index.js'), 'exports.handler = (event, context, callback) => {};');

    // Act
    const on24 = await init('index.handler', false);
    const on22 = await init('index.handler', true);

    // Assess
    expect(on24).toBeUndefined();
    expect(reported).toEqual([
      {
        path: '/runtime/init/error',
        err: expect.objectContaining({
          name: 'Runtime.CallbackHandlerDeprecated',
          message: CALLBACK_DEPRECATED_MESSAGE,
        }),
      },
    ]);
    expect(typeof on22).toBe('function');
  });
});
