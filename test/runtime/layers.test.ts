import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import type { LocalLambdaService } from '../../local/lambda-service';
import { loadStack, StackLoadError } from '../../local/stack';
import { cacheDir, serveRuntime } from './support';

// A CommonJS handler that reaches its dependencies only through NODE_PATH, as a function whose
// node_modules live in a layer does on AWS.
const HANDLER = `exports.handler = async () => {
  let extra = null;
  try { extra = require('extra').value; } catch {}
  return { greeting: require('greeting').greet('lab'), extra, NODE_PATH: process.env.NODE_PATH };
};
`;

const PUBLIC_ARN = 'arn:aws:lambda:us-east-1:123456789012:layer:public-greeting:7';

function bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text));
}

function greetingModule(word: string): string {
  return `exports.greet = (name) => '${word}, ' + name;\n`;
}

/** A stack folder: a function zip, layer zips (files by path), and the function's `layers` as written. */
function writeStack(layerFiles: Record<string, Record<string, string>>, layers: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  fs.writeFileSync(path.join(dir, 'fn.zip'), zipSync({ 'index.js': bytes(HANDLER) }));
  const layerResources: Record<string, unknown> = {};
  for (const [name, files] of Object.entries(layerFiles)) {
    const entries = Object.fromEntries(Object.entries(files).map(([p, text]) => [p, bytes(text)]));
    fs.writeFileSync(path.join(dir, `${name}.zip`), zipSync(entries));
    layerResources[name] = { layer_name: `lab-${name}`, filename: `${name}.zip`, compatible_runtimes: ['nodejs24.x'] };
  }
  const stack = {
    resource: {
      aws_lambda_layer_version: layerResources,
      aws_lambda_function: {
        greeter: {
          function_name: 'greeter',
          handler: 'index.handler',
          runtime: 'nodejs24.x',
          filename: 'fn.zip',
          layers,
        },
      },
    },
  };
  const file = path.join(dir, 'cdk.tf.json');
  fs.writeFileSync(file, JSON.stringify(stack));
  return file;
}

describe('layers through loadStack and the real LambdaClient', () => {
  const services: LocalLambdaService[] = [];
  const clients: LambdaClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await Promise.all(services.map((s) => s.stop()));
  });

  async function invokeGreeter(service: LocalLambdaService): Promise<Record<string, unknown>> {
    const client = new LambdaClient({
      endpoint: service.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    clients.push(client);
    const out = await client.send(new InvokeCommand({ FunctionName: 'greeter', Payload: Buffer.from('{}') }));
    expect(out.FunctionError).toBeUndefined();
    return JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8')) as Record<string, unknown>;
  }

  async function serveStack(file: string, layerFolders?: Record<string, string>): Promise<LocalLambdaService> {
    const { functions } = await loadStack(file, { cacheDir, ...(layerFolders ? { layerFolders } : {}) });
    const service = await serveRuntime(functions);
    services.push(service);
    return service;
  }

  it("lets a handler require a module from a stack layer's nodejs/node_modules", async () => {
    // Prepare
    const file = writeStack({ shared: { 'nodejs/node_modules/greeting/index.js': greetingModule('hello') } }, [
      '${aws_lambda_layer_version.shared.arn}',
    ]);
    const service = await serveStack(file);

    // Act
    const payload = await invokeGreeter(service);

    // Assess
    expect(payload.greeting).toBe('hello, lab');
    const optDir = service.runtime.control.resolve('greeter').def.optDir;
    expect(optDir).toBeDefined();
    expect(String(payload.NODE_PATH).split(':').slice(0, 2)).toEqual([
      path.join(optDir as string, 'nodejs', 'node24', 'node_modules'),
      path.join(optDir as string, 'nodejs', 'node_modules'),
    ]);
  });

  it('merges layers in order: a later layer overwrites an earlier one, and files only the earlier has stay', async () => {
    // Prepare
    const file = writeStack(
      {
        first: {
          'nodejs/node_modules/greeting/index.js': greetingModule('first'),
          'nodejs/node_modules/extra/index.js': 'exports.value = "from first";\n',
        },
        second: { 'nodejs/node_modules/greeting/index.js': greetingModule('second') },
      },
      ['${aws_lambda_layer_version.first.arn}', '${aws_lambda_layer_version.second.arn}'],
    );
    const service = await serveStack(file);

    // Act
    const payload = await invokeGreeter(service);

    // Assess
    expect(payload).toMatchObject({ greeting: 'second, lab', extra: 'from first' });
  });

  it("resolves nodejs/node24/node_modules before nodejs/node_modules, as Lambda's NODE_PATH does", async () => {
    // Prepare
    const file = writeStack(
      {
        shared: {
          'nodejs/node_modules/greeting/index.js': greetingModule('generic'),
          'nodejs/node24/node_modules/greeting/index.js': greetingModule('node24'),
        },
      },
      ['${aws_lambda_layer_version.shared.arn}'],
    );
    const service = await serveStack(file);

    // Act
    const payload = await invokeGreeter(service);

    // Assess
    expect(payload.greeting).toBe('node24, lab');
  });

  it('serves a layer outside the stack from the local folder given for its ARN (through serveLocalLambda)', async () => {
    // Prepare
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'layer-folder-'));
    fs.mkdirSync(path.join(folder, 'nodejs', 'node_modules', 'greeting'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'nodejs', 'node_modules', 'greeting', 'index.js'), greetingModule('public'));
    const file = writeStack({}, [PUBLIC_ARN]);
    const service = await serveRuntime([], { stackFile: file, layerFolders: { [PUBLIC_ARN]: folder } });
    services.push(service);

    // Act
    const payload = await invokeGreeter(service);

    // Assess
    expect(payload.greeting).toBe('public, lab');
  });

  it('takes a literal ARN naming a stack layer as that layer', async () => {
    // Prepare
    const file = writeStack({ shared: { 'nodejs/node_modules/greeting/index.js': greetingModule('literal') } }, [
      'arn:aws:lambda:eu-west-1:123456789012:layer:lab-shared:4',
    ]);
    const service = await serveStack(file);

    // Act
    const payload = await invokeGreeter(service);

    // Assess
    expect(payload.greeting).toBe('literal, lab');
  });

  it('reuses the merged folder for the same layers in the same order, and merges anew for another order', async () => {
    // Prepare
    const layers = {
      a: { 'nodejs/node_modules/greeting/index.js': greetingModule('a') },
      b: { 'nodejs/node_modules/greeting/index.js': greetingModule('b') },
    };
    const ab = ['${aws_lambda_layer_version.a.arn}', '${aws_lambda_layer_version.b.arn}'];

    // Act
    const [first] = (await loadStack(writeStack(layers, ab), { cacheDir })).functions;
    const [again] = (await loadStack(writeStack(layers, ab), { cacheDir })).functions;
    const [reversed] = (await loadStack(writeStack(layers, [...ab].reverse()), { cacheDir })).functions;

    // Assess
    expect(again?.optDir).toBe(first?.optDir);
    expect(reversed?.optDir).not.toBe(first?.optDir);
    const read = (dir: string | undefined) =>
      fs.readFileSync(path.join(dir ?? '', 'nodejs/node_modules/greeting/index.js'), 'utf8');
    expect(read(first?.optDir)).toContain("'b, '");
    expect(read(reversed?.optDir)).toContain("'a, '");
  });

  it('fails at start naming the function and an ARN that is neither a stack layer nor given a folder', async () => {
    // Prepare
    const file = writeStack({}, [PUBLIC_ARN]);

    // Act
    const loading = loadStack(file, { cacheDir });

    // Assess
    await expect(loading).rejects.toThrow(StackLoadError);
    await expect(loading).rejects.toThrow(`aws_lambda_function.greeter: unknown layer ${PUBLIC_ARN}`);
  });

  it('fails at start on a reference to a layer resource the stack does not declare', async () => {
    // Prepare
    const file = writeStack({}, ['${aws_lambda_layer_version.missing.arn}']);

    // Act
    const loading = loadStack(file, { cacheDir });

    // Assess
    await expect(loading).rejects.toThrow(
      'aws_lambda_function.greeter: layer ${aws_lambda_layer_version.missing.arn} is not the arn',
    );
  });

  it('refuses more than five layers, as Lambda does', async () => {
    // Prepare
    const file = writeStack({ shared: { 'nodejs/node_modules/greeting/index.js': greetingModule('x') } }, [
      ...Array.from({ length: 6 }, () => '${aws_lambda_layer_version.shared.arn}'),
    ]);

    // Act
    const loading = loadStack(file, { cacheDir });

    // Assess
    await expect(loading).rejects.toThrow('aws_lambda_function.greeter has 6 layers; Lambda allows at most 5');
  });

  it('refuses a layer folder that does not exist, naming it and its ARN', async () => {
    // Prepare
    const file = writeStack({}, [PUBLIC_ARN]);
    const missing = path.join(os.tmpdir(), 'no-such-layer-folder-for-test');

    // Act
    const loading = loadStack(file, { cacheDir, layerFolders: { [PUBLIC_ARN]: missing } });

    // Assess
    await expect(loading).rejects.toThrow(`the folder ${missing} for ${PUBLIC_ARN} does not exist`);
  });
});
