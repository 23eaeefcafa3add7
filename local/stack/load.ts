import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { CodedError } from '../../common/errors';
import { type FunctionDefinition, handlerProblem } from '../runtime';
import { publishFolder } from './cache-folder';
import { type StackFunction, StackFunctionError, stackFunctions } from './functions';
import { LAYER_VERSION_ARN, LayerError, type LayerLookup, resolveLayers, stackLayers } from './layers';
import { folderDigest, isFolder, mergeLayers, type UnpackedLayer } from './opt-dir';
import {
  chainResolvers,
  mapResolver,
  type ReferenceResolver,
  stackResolver,
  type TerraformJson,
  UnresolvedReferenceError,
} from './references';

export const defaults = {
  cacheDir: '.local/lambda-cache',
  /** Fail on references no resolver could answer ('error'), or keep them verbatim ('keep'). */
  unresolved: 'error' as 'error' | 'keep',
};

export interface LoadStackOptions {
  readonly cacheDir?: string;
  /** Values for references, keyed by expression (`var.stage`, `aws_ssm_parameter.x.name`). */
  readonly references?: Readonly<Record<string, string>>;
  /** A resolver tried before the map and the stack's own literals. */
  readonly resolver?: ReferenceResolver;
  readonly unresolved?: 'error' | 'keep';
  /** The stack already parsed from `stackFile`, so the file is not read again (zips stay relative to it). */
  readonly stack?: TerraformJson;
  /**
   * Layers the stack does not declare (public ones, another account's), by layer version ARN: a local
   * folder holding what the layer's zip would (e.g. `nodejs/node_modules/...`).
   */
  readonly layerFolders?: Readonly<Record<string, string>>;
}

export interface LoadedStack {
  readonly functions: FunctionDefinition[];
  /** Each function's name, by its resource name (`aws_lambda_function.<resourceName>`). */
  readonly functionNames: ReadonlyMap<string, string>;
  /** References left as written (only with `unresolved: 'keep'`). */
  readonly unresolved: ReadonlyArray<{ where: string; expression: string }>;
}

export class StackLoadError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('ESTACKLOAD', message, options);
  }
}

/**
 * Reads the functions of a synthesized Terraform JSON stack (cdk.tf.json) and unpacks each zip
 * into a cache folder keyed by the zip's hash, so an unchanged package is unpacked once.
 *
 * @example
 * const { functions } = await loadStack('cdktf.out/stacks/lambda-reuse-lab-dev/cdk.tf.json', {
 *   references: { 'var.stage': 'dev' },
 * });
 */
export async function loadStack(stackFile: string, options: LoadStackOptions = {}): Promise<LoadedStack> {
  const o = { ...defaults, ...options };
  if (o.unresolved !== 'error' && o.unresolved !== 'keep') {
    throw new StackLoadError(`Invalid option unresolved: ${JSON.stringify(o.unresolved)}; allowed: 'error' or 'keep'`);
  }
  const layerFolders = await checkLayerFolders(o.layerFolders ?? {});
  const stack = o.stack ?? (await readStack(stackFile));
  const resolvers: ReferenceResolver[] = [];
  if (o.resolver) resolvers.push(o.resolver);
  resolvers.push(mapResolver(o.references ?? {}), stackResolver(stack));
  const unresolved: Array<{ where: string; expression: string }> = [];
  const stackDir = path.dirname(path.resolve(stackFile));
  const resolver = chainResolvers(...resolvers);
  let specs: StackFunction[];
  let layersOf: ReadonlyMap<StackFunction, ReturnType<typeof resolveLayers>>;
  try {
    specs = stackFunctions(stack, stackDir, resolver, unresolved);
    const layerSpecs = stackLayers(stack, stackDir, resolver, unresolved);
    const lookup: LayerLookup = { layers: layerSpecs, folders: layerFolders, resolver, unresolved };
    layersOf = new Map(
      specs.map((spec) => [spec, resolveLayers(`aws_lambda_function.${spec.resourceName}`, spec.layers, lookup)]),
    );
  } catch (err) {
    if (err instanceof StackFunctionError || err instanceof LayerError) {
      throw new StackLoadError(err.message, { cause: err });
    }
    throw err;
  }
  if (unresolved.length > 0 && o.unresolved === 'error') throw new UnresolvedReferenceError(unresolved);
  const unpacked = new Map<string, UnpackedLayer>();
  const unpackLayer = async (source: ReturnType<typeof resolveLayers>[number]): Promise<UnpackedLayer> => {
    const id = source.kind === 'stack' ? `stack:${source.layer.resourceName}` : `folder:${source.dir}`;
    let layer = unpacked.get(id);
    if (layer === undefined) {
      if (source.kind === 'folder') layer = { dir: source.dir, digest: await folderDigest(source.dir) };
      else {
        const zip = await unpackZip(source.layer.zipFile, o.cacheDir).catch((err: Error) => {
          throw new StackLoadError(`aws_lambda_layer_version.${source.layer.resourceName}: ${err.message}`, {
            cause: err,
          });
        });
        layer = { dir: zip.dir, digest: path.basename(zip.dir) };
      }
      unpacked.set(id, layer);
    }
    return layer;
  };
  const functions: FunctionDefinition[] = [];
  for (const spec of specs) {
    const sources = layersOf.get(spec) ?? [];
    const optDir =
      sources.length > 0 ? await mergeLayers(await Promise.all(sources.map(unpackLayer)), o.cacheDir) : undefined;
    const { dir, sha256, size } = await unpackZip(spec.zipFile, o.cacheDir);
    const handlerIssue = handlerProblem(spec.handler, dir);
    if (handlerIssue !== undefined) {
      throw new StackLoadError(
        `aws_lambda_function.${spec.resourceName}: the handler ${JSON.stringify(spec.handler)} ${handlerIssue}`,
      );
    }
    functions.push({
      name: spec.name,
      handler: spec.handler,
      runtime: spec.runtime,
      memorySize: spec.memorySize,
      timeout: spec.timeout,
      environment: spec.environment,
      ...(spec.reservedConcurrency !== undefined ? { reservedConcurrency: spec.reservedConcurrency } : {}),
      ...(spec.provisionedConcurrency !== undefined ? { provisionedConcurrency: spec.provisionedConcurrency } : {}),
      codeDir: dir,
      ...(optDir !== undefined ? { optDir } : {}),
      codeSha256: sha256,
      codeSize: size,
      ...(spec.description !== undefined ? { description: spec.description } : {}),
      ...(spec.role !== undefined ? { role: spec.role } : {}),
      ...(spec.logging !== undefined ? { logging: spec.logging } : {}),
      ...(spec.managedInstances !== undefined ? { managedInstances: spec.managedInstances } : {}),
    });
  }
  return { functions, functionNames: new Map(specs.map((spec) => [spec.resourceName, spec.name])), unresolved };
}

/** The caller's layer folders, checked once at start: each key a layer version ARN, each value a folder. */
async function checkLayerFolders(folders: Readonly<Record<string, string>>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [arn, dir] of Object.entries(folders)) {
    if (!LAYER_VERSION_ARN.test(arn)) {
      throw new StackLoadError(
        `Invalid option layerFolders: ${JSON.stringify(arn)} is not a layer version ARN ` +
          '(arn:aws:lambda:<region>:<account>:layer:<name>:<version>)',
      );
    }
    const abs = path.resolve(dir);
    if (!(await isFolder(abs))) {
      throw new StackLoadError(`Invalid option layerFolders: the folder ${abs} for ${arn} does not exist`);
    }
    out[arn] = abs;
  }
  return out;
}

async function readStack(stackFile: string): Promise<TerraformJson> {
  try {
    return JSON.parse(await readFile(stackFile, 'utf8')) as TerraformJson;
  } catch (err) {
    throw new StackLoadError(`Cannot read Terraform JSON stack ${stackFile}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/**
 * Unpacks a deployment zip into `<cacheDir>/code/<sha256>`; returns the folder and Lambda's CodeSha256.
 *
 * @example
 * const { dir } = await unpackZip('dist/functions/hello.zip', '.local/lambda-cache');
 */
export async function unpackZip(
  zipFile: string,
  cacheDir: string,
): Promise<{ dir: string; sha256: string; size: number }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(zipFile);
  } catch (err) {
    throw new StackLoadError(`Cannot read deployment package ${zipFile}: ${(err as Error).message}`, { cause: err });
  }
  const digest = createHash('sha256').update(bytes).digest();
  const dir = path.resolve(cacheDir, 'code', digest.toString('hex'));
  // A refused or failed package leaves nothing behind: no half-extracted folder for a later start to trip on.
  await publishFolder(dir, async (temp) => {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    } catch (err) {
      throw new StackLoadError(`Deployment package ${zipFile} is not a valid zip: ${(err as Error).message}`, {
        cause: err,
      });
    }
    for (const [name, data] of Object.entries(entries)) {
      if (name.endsWith('/')) continue;
      const target = path.resolve(temp, name);
      if (!target.startsWith(temp + path.sep)) throw new StackLoadError(`Zip entry escapes its folder: ${name}`);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, data);
    }
  });
  return { dir, sha256: digest.toString('base64'), size: bytes.length };
}
