/**
 * A function's `layers`: which layer each entry names, an `aws_lambda_layer_version` of the stack
 * (its zip) or a local folder the caller maps an ARN to, in the function's order.
 *
 * AWS: a function takes up to five layers, merged into /opt in the order given ("Adding layers to
 * functions", https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html); a layer version ARN is
 * `arn:aws:lambda:<region>:<account>:layer:<name>:<version>` (the pattern of GetLayerVersionByArn,
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetLayerVersionByArn.html). Terraform's
 * `aws_lambda_layer_version` takes `layer_name`, `filename` (or S3) and `compatible_runtimes`, and its
 * `arn` attribute is that versioned ARN, which a function lists as `${aws_lambda_layer_version.x.arn}`.
 */

import * as path from 'node:path';
import { CodedError } from '../../common/errors';
import { parseReferences, type ReferenceResolver, resolveValue, type TerraformJson } from './references';

/** At most five layers per function (adding-layers.html above). */
export const MAX_LAYERS = 5;

/** A layer version ARN as GetLayerVersionByArn accepts it; group 1 is the layer name, group 2 the version. */
export const LAYER_VERSION_ARN = /^arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\d{12}:layer:([a-zA-Z0-9_-]+):([0-9]+)$/;

/** An `aws_lambda_layer_version` of the stack. */
export interface StackLayer {
  /** The Terraform resource name (`aws_lambda_layer_version.<resourceName>`). */
  readonly resourceName: string;
  readonly layerName: string;
  /** Absolute path of the layer's zip. */
  readonly zipFile: string;
  /** `compatible_runtimes`: AWS uses them to filter ListLayers, not to refuse a function; kept for reports. */
  readonly compatibleRuntimes: readonly string[];
}

/** Where one of a function's layers comes from. */
export type LayerSource =
  | { readonly kind: 'stack'; readonly layer: StackLayer }
  | { readonly kind: 'folder'; readonly arn: string; readonly dir: string };

export class LayerError extends CodedError {
  constructor(message: string) {
    super('ELAYER', message);
  }
}

/**
 * Every `aws_lambda_layer_version` of a stack with a zip, its name's references resolved.
 *
 * @example
 * const layers = stackLayers(stack, '/path/to/stack', resolver, unresolved);
 */
export function stackLayers(
  stack: TerraformJson,
  stackDir: string,
  resolver: ReferenceResolver,
  unresolved: Array<{ where: string; expression: string }>,
): Map<string, StackLayer> {
  const out = new Map<string, StackLayer>();
  for (const [resourceName, raw] of Object.entries(stack.resource?.aws_lambda_layer_version ?? {})) {
    const r = raw as Record<string, unknown>;
    const where = `aws_lambda_layer_version.${resourceName}`;
    if (typeof r.filename !== 'string' || r.filename === '') {
      throw new LayerError(`${where} has no filename (only zip layers run locally)`);
    }
    const name = typeof r.layer_name === 'string' ? r.layer_name : resourceName;
    const runtimes = Array.isArray(r.compatible_runtimes) ? r.compatible_runtimes : [];
    out.set(resourceName, {
      resourceName,
      layerName: resolveValue(name, resolver, `${where}.layer_name`, unresolved),
      zipFile: path.resolve(stackDir, resolveValue(r.filename, resolver, `${where}.filename`, unresolved)),
      compatibleRuntimes: runtimes.filter((x): x is string => typeof x === 'string'),
    });
  }
  return out;
}

/** What resolving one function's `layers` needs. */
export interface LayerLookup {
  readonly layers: ReadonlyMap<string, StackLayer>;
  /** Layers outside the stack (public or another account's), by layer version ARN. */
  readonly folders: Readonly<Record<string, string>>;
  readonly resolver: ReferenceResolver;
  readonly unresolved: Array<{ where: string; expression: string }>;
}

/**
 * A function's `layers`, in order. An entry is `${aws_lambda_layer_version.x.arn}` (that stack layer),
 * an ARN the caller mapped to a folder, or a literal ARN whose layer name is one of the stack's (any
 * version: locally each stack layer has one). Anything else fails, naming the function and the ARN.
 *
 * @example
 * resolveLayers('aws_lambda_function.hello', ['${aws_lambda_layer_version.shared.arn}'], lookup);
 */
export function resolveLayers(where: string, raw: unknown, lookup: LayerLookup): LayerSource[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string')) {
    throw new LayerError(`${where}.layers must be a list of layer version ARNs`);
  }
  const entries = raw as string[];
  if (entries.length > MAX_LAYERS) {
    throw new LayerError(`${where} has ${entries.length} layers; Lambda allows at most ${MAX_LAYERS}`);
  }
  return entries.map((entry, i) => {
    const refs = parseReferences(entry);
    const only = refs.length === 1 && refs[0]?.start === 0 && refs[0].end === entry.length ? refs[0] : undefined;
    if (only?.parts[0] === 'aws_lambda_layer_version') {
      const layer = lookup.layers.get(only.parts[1] ?? '');
      if (only.parts.length !== 3 || only.parts[2] !== 'arn' || layer === undefined) {
        throw new LayerError(
          `${where}: layer \${${only.expression}} is not the arn of an aws_lambda_layer_version of the stack`,
        );
      }
      return { kind: 'stack', layer };
    }
    const arn = resolveValue(entry, lookup.resolver, `${where}.layers[${i}]`, lookup.unresolved);
    if (parseReferences(arn).length > 0) {
      throw new LayerError(
        `${where}: the layer ${entry} holds a reference with no value; give it with the references option (--ref)`,
      );
    }
    const folder = Object.hasOwn(lookup.folders, arn) ? lookup.folders[arn] : undefined;
    if (folder !== undefined) return { kind: 'folder', arn, dir: folder };
    const name = LAYER_VERSION_ARN.exec(arn)?.[1];
    const layer = [...lookup.layers.values()].find((l) => l.layerName === name);
    if (name !== undefined && layer !== undefined) return { kind: 'stack', layer };
    throw new LayerError(
      `${where}: unknown layer ${arn}: it is no aws_lambda_layer_version of the stack; give it a local folder ` +
        '(--layer ARN=FOLDER, or the layerFolders option)',
    );
  });
}
