import { constraintViolation, SsmError } from './errors';
import { parseNameReference, pathPrefix } from './names';
import type { ParameterStore, WireParameter, WireParameterMetadata } from './store';

type Body = Record<string, unknown>;
/** One SSM operation: the JSON request body in, the JSON response body out. */
export type Operation = (store: ParameterStore, body: Body) => unknown;

/** What the request log may show for a call: its operation and the names it touched, never values. */
export const namesInRequest = (body: Body): string => {
  const one = body.Name ?? body.Path;
  if (typeof one === 'string') return one;
  if (Array.isArray(body.Names)) return body.Names.filter((n) => typeof n === 'string').join(',');
  return '-';
};

const checkRange = (value: unknown, member: string, min: number, max: number, fallback: number): number => {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw constraintViolation(value, member, 'Member must be an integer');
  if (value < min) throw constraintViolation(value, member, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraintViolation(value, member, `Member must have value less than or equal to ${max}`);
  return value;
};

const withDecryption = (body: Body): boolean => body.WithDecryption === true;

const rejectFilters = (body: Body, ...members: string[]): void => {
  for (const member of members) {
    const filters = body[member];
    if (Array.isArray(filters) && filters.length > 0) {
      throw new SsmError(
        'ValidationException',
        `${member} are not supported by the local SSM endpoint; leave ${member} empty.`,
      );
    }
  }
};

/** A NextToken is the offset into the sorted name list, bound to the query it came from. */
const encodeToken = (query: string, offset: number): string =>
  Buffer.from(JSON.stringify({ q: query, o: offset })).toString('base64');

const decodeToken = (token: unknown, query: string): number => {
  if (token === undefined || token === null) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as { q?: unknown; o?: unknown };
    if (parsed.q === query && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0)
      return parsed.o;
  } catch {
    // falls through to AWS's error below
  }
  throw new SsmError('InvalidNextToken', "The specified token isn't valid.");
};

const page = <T>(
  items: T[],
  body: Body,
  query: string,
  max: number,
  fallback: number,
): { items: T[]; next?: string } => {
  const size = checkRange(body.MaxResults, 'maxResults', 1, max, fallback);
  const offset = decodeToken(body.NextToken, query);
  const slice = items.slice(offset, offset + size);
  return offset + size < items.length ? { items: slice, next: encodeToken(query, offset + size) } : { items: slice };
};

const getParameter: Operation = (store, body) => {
  const ref = parseNameReference(body.Name);
  return { Parameter: store.toWire(store.get(ref), withDecryption(body)) };
};

const getParameters: Operation = (store, body) => {
  const names = body.Names;
  if (!Array.isArray(names) || names.length < 1 || names.length > 10) {
    throw constraintViolation(
      Array.isArray(names) ? `[${names.join(', ')}]` : names,
      'names',
      'Member must have length less than or equal to 10 and greater than or equal to 1',
    );
  }
  const Parameters: WireParameter[] = [];
  const InvalidParameters: string[] = [];
  for (const raw of new Set(names.map(String))) {
    try {
      Parameters.push(store.toWire(store.get(parseNameReference(raw)), withDecryption(body)));
    } catch (e) {
      if (!(e instanceof SsmError) || (e.awsType !== 'ParameterNotFound' && e.awsType !== 'ParameterVersionNotFound'))
        throw e;
      InvalidParameters.push(raw);
    }
  }
  return { Parameters, InvalidParameters };
};

const getParametersByPath: Operation = (store, body) => {
  rejectFilters(body, 'ParameterFilters');
  const prefix = pathPrefix(body.Path);
  const recursive = body.Recursive === true;
  const names = store.names().filter((n) => {
    if (!n.startsWith(prefix)) return false;
    return recursive || !n.slice(prefix.length).includes('/');
  });
  const { items, next } = page(names, body, `path:${prefix}:${String(recursive)}`, 10, 10);
  const result: { Parameters: WireParameter[]; NextToken?: string } = {
    Parameters: items.map((n) => store.toWire(store.get({ name: n }), withDecryption(body))),
  };
  if (next) result.NextToken = next;
  return result;
};

const putParameter: Operation = (store, body) => {
  const { version, tier } = store.put({
    name: body.Name,
    value: body.Value,
    type: body.Type,
    overwrite: body.Overwrite,
    description: body.Description,
    tier: body.Tier,
    dataType: body.DataType,
    allowedPattern: body.AllowedPattern,
  });
  return { Version: version, Tier: tier };
};

const deleteParameter: Operation = (store, body) => {
  const name = body.Name;
  if (typeof name !== 'string' || name.length === 0) throw constraintViolation(name, 'name', 'Member must not be null');
  store.delete(name);
  return {};
};

const deleteParameters: Operation = (store, body) => {
  const names = body.Names;
  if (!Array.isArray(names) || names.length < 1 || names.length > 10) {
    throw constraintViolation(
      Array.isArray(names) ? `[${names.join(', ')}]` : names,
      'names',
      'Member must have length less than or equal to 10 and greater than or equal to 1',
    );
  }
  const DeletedParameters: string[] = [];
  const InvalidParameters: string[] = [];
  for (const name of new Set(names.map(String))) {
    if (store.has(name)) {
      store.delete(name);
      DeletedParameters.push(name);
    } else {
      InvalidParameters.push(name);
    }
  }
  return { DeletedParameters, InvalidParameters };
};

const describeParameters: Operation = (store, body) => {
  rejectFilters(body, 'Filters', 'ParameterFilters');
  const { items, next } = page(store.names(), body, 'describe', 50, 50);
  const result: { Parameters: WireParameterMetadata[]; NextToken?: string } = {
    Parameters: items.map((n) => store.toMetadata(store.get({ name: n }))),
  };
  if (next) result.NextToken = next;
  return result;
};

/** The operations this endpoint speaks, by the name in `X-Amz-Target: AmazonSSM.<Name>`. */
export const operations: Readonly<Record<string, Operation>> = {
  GetParameter: getParameter,
  GetParameters: getParameters,
  GetParametersByPath: getParametersByPath,
  PutParameter: putParameter,
  DeleteParameter: deleteParameter,
  DeleteParameters: deleteParameters,
  DescribeParameters: describeParameters,
};
