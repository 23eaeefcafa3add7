import { SsmError } from './errors';

/** AWS: at most 15 levels in a hierarchical name. */
export const maxHierarchyDepth = 15;
/** AWS: a fully qualified name (with the ARN prefix) may be 2048 characters; we check the bare name. */
export const maxNameLength = 2048;

const allowedCharacters = /^[a-zA-Z0-9_.\-/]+$/;
const reservedPrefix = /^\/?(aws|ssm)/i;

const invalidName = (): SsmError =>
  new SsmError(
    'ValidationException',
    'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of ' +
      'sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 ' +
      'symbols .-_',
  );

/**
 * Checks a name for PutParameter as AWS does: allowed characters, no reserved prefix,
 * a leading `/` when hierarchical, no empty levels, at most 15 levels.
 */
export function validateParameterName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new SsmError(
      'ValidationException',
      "1 validation error detected: Value at 'name' failed to satisfy constraint: Member must not be null",
    );
  }
  if (name.length > maxNameLength || !allowedCharacters.test(name) || reservedPrefix.test(name)) throw invalidName();
  if (name.includes('/')) {
    if (!name.startsWith('/') || name.endsWith('/') || name.includes('//')) throw invalidName();
    const depth = name.split('/').length - 1;
    if (depth > maxHierarchyDepth) {
      throw new SsmError(
        'HierarchyLevelLimitExceededException',
        `A hierarchy can have a maximum of ${maxHierarchyDepth} levels. Reduce the number of levels in ${name}.`,
      );
    }
  }
}

const invalidPath = (): SsmError =>
  new SsmError(
    'ValidationException',
    'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". ' +
      'It can\'t be prefixed with "aws" or "ssm" (case-insensitive). It must use only letters, numbers, or the following ' +
      'symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, ' +
      'must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.',
  );

/**
 * Checks a GetParametersByPath `Path` and returns the prefix every name under it starts with
 * (`/a/b` and `/a/b/` both give `/a/b/`; `/` gives `/`).
 */
export function pathPrefix(path: unknown): string {
  // Reading under /aws/ is allowed (AWS's public parameters live there), unlike creating a name there.
  if (typeof path !== 'string' || !path.startsWith('/') || !allowedCharacters.test(path) || path.includes('//')) {
    throw invalidPath();
  }
  return path.endsWith('/') ? path : `${path}/`;
}

/** A name may be given as the bare name, as its ARN, and with a `:version` selector. */
export interface NameReference {
  name: string;
  version?: number;
  /** The selector as written (`:3`), echoed back in the response like AWS does. */
  selector?: string;
  /** For an ARN of a one-level name (`...:parameter/x`), which can be `x` or `/x`: the other reading. */
  alternateName?: string;
}

/** Splits `arn:aws:ssm:<region>:<account>:parameter/x` and `name:3` into a name and a version. */
export function parseNameReference(input: unknown): NameReference {
  if (typeof input !== 'string' || input.length === 0) {
    throw new SsmError(
      'ValidationException',
      "1 validation error detected: Value at 'name' failed to satisfy constraint: Member must not be null",
    );
  }
  let rest = input;
  let fromArnOneLevel = false;
  const arn = /^arn:aws[a-z-]*:ssm:[^:]*:[^:]*:parameter(\/.*)$/.exec(rest);
  if (arn?.[1]) {
    // The ARN of `/a/b` is `...:parameter/a/b`, the ARN of `plain` is `...:parameter/plain`.
    const tail = arn[1];
    fromArnOneLevel = tail.indexOf('/', 1) < 0;
    rest = fromArnOneLevel ? tail.slice(1) : tail;
  }
  const withAlternate = (ref: NameReference): NameReference =>
    fromArnOneLevel ? { ...ref, alternateName: `/${ref.name}` } : ref;
  const colon = rest.lastIndexOf(':');
  if (colon < 0) return withAlternate({ name: rest });
  const selector = rest.slice(colon);
  const version = Number(selector.slice(1));
  if (!/^:\d+$/.test(selector) || !Number.isSafeInteger(version)) {
    // Labels are not kept locally: a label selector can never match, as for a label nobody attached.
    throw new SsmError('ParameterNotFound', `Parameter ${rest} not found.`);
  }
  return withAlternate({ name: rest.slice(0, colon), version, selector });
}

/** The ARN AWS reports for a parameter: no doubled slash for hierarchical names. */
export function parameterArn(region: string, accountId: string, name: string): string {
  return `arn:aws:ssm:${region}:${accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
}
