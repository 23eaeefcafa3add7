/**
 * Terraform references in a synthesized stack's values, like `${aws_ssm_parameter.x.name}` or
 * `${var.stage}`: parsed, then resolved through a pluggable resolver, with unresolved ones reported.
 */

import { CodedError } from '../../common/errors';

/** One `${...}` expression found in a value. */
export interface Reference {
  /** The text inside `${...}`, e.g. `aws_ssm_parameter.x.name`. */
  readonly expression: string;
  /** Dot-separated parts: `['aws_ssm_parameter', 'x', 'name']`, `['var', 'stage']`. */
  readonly parts: readonly string[];
  /** Where `${` starts in the value. */
  readonly start: number;
  readonly end: number;
}

/** Returns the value of a reference, or undefined when it cannot. */
export type ReferenceResolver = (ref: Reference) => string | undefined;

export class UnresolvedReferenceError extends CodedError {
  constructor(readonly unresolved: readonly { readonly where: string; readonly expression: string }[]) {
    super(
      'EUNRESOLVEDREF',
      `Unresolved Terraform references: ${unresolved.map((u) => `\${${u.expression}} in ${u.where}`).join('; ')}. ` +
        'Give their values with the references option (e.g. { "var.stage": "dev" }).',
    );
  }
}

const SIMPLE = /^[A-Za-z_][\w-]*(\.[\w-]+|\[\d+\])*$/;

/**
 * Finds every `${...}` in a value (skipping the `$${` escape). Only plain attribute paths are
 * parsed into parts; function calls and operators keep `parts` empty, so no resolver claims them.
 *
 * @example
 * parseReferences('${var.prefix}-${aws_ssm_parameter.msg.name}').map((r) => r.expression);
 * // ['var.prefix', 'aws_ssm_parameter.msg.name']
 */
export function parseReferences(value: string): Reference[] {
  const out: Reference[] = [];
  for (let i = value.indexOf('${'); i >= 0; i = value.indexOf('${', i)) {
    if (i > 0 && value[i - 1] === '$') {
      i += 2;
      continue;
    }
    let depth = 1;
    let j = i + 2;
    for (; j < value.length && depth > 0; j += 1) {
      if (value[j] === '{') depth += 1;
      else if (value[j] === '}') depth -= 1;
    }
    if (depth !== 0) break;
    const expression = value.slice(i + 2, j - 1).trim();
    const parts = SIMPLE.test(expression) ? expression.replace(/\[(\d+)\]/g, '.$1').split('.') : [];
    out.push({ expression, parts, start: i, end: j });
    i = j;
  }
  return out;
}

/**
 * The reference `${type.id.attribute}` stands for, for asking a resolver about one attribute directly.
 *
 * @example
 * stackResolver(stack)(referenceTo('aws_lambda_function', 'hello', 'function_name')); // 'lambda-reuse-lab-dev-hello'
 */
export function referenceTo(...parts: readonly string[]): Reference {
  const expression = parts.join('.');
  return { expression, parts, start: 0, end: expression.length + 3 };
}

/** A resolver from a map keyed by expression: `{ 'var.stage': 'dev', 'aws_ssm_parameter.x.name': '/p/x' }`. */
export function mapResolver(values: Readonly<Record<string, string>>): ReferenceResolver {
  return (ref) => (Object.hasOwn(values, ref.expression) ? values[ref.expression] : undefined);
}

/** Tries each resolver in turn. */
export function chainResolvers(...resolvers: readonly ReferenceResolver[]): ReferenceResolver {
  return (ref) => {
    for (const r of resolvers) {
      const v = r(ref);
      if (v !== undefined) return v;
    }
    return undefined;
  };
}

/**
 * Resolves references from the stack itself where the value is a literal there: `var.x` from
 * the variable's default, `local.x`, `resource_type.name.attr` and `data.type.name.attr` from
 * the resource's own literal attribute.
 */
export function stackResolver(stack: TerraformJson): ReferenceResolver {
  return (ref) => {
    const p = ref.parts;
    let v: unknown;
    if (p[0] === 'var' && p.length === 2) v = stack.variable?.[p[1] ?? '']?.default;
    else if (p[0] === 'local' && p.length === 2) v = stack.locals?.[p[1] ?? ''];
    else if (p[0] === 'data' && p.length === 4) v = stack.data?.[p[1] ?? '']?.[p[2] ?? '']?.[p[3] ?? ''];
    else if (p.length === 3) v = stack.resource?.[p[0] ?? '']?.[p[1] ?? '']?.[p[2] ?? ''];
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v === 'string' && parseReferences(v).length === 0) return v;
    return undefined;
  };
}

/** The parts of a Terraform JSON document the loader reads. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly variable?: Record<string, { readonly default?: unknown }>;
  readonly locals?: Record<string, unknown>;
}

/**
 * Replaces every reference in `value`; collects the unresolved ones into `unresolved` (with `where`).
 *
 * @example
 * const missing: { where: string; expression: string }[] = [];
 * resolveValue('${var.stage}', mapResolver({ 'var.stage': 'dev' }), 'FOO', missing); // 'dev'
 */
export function resolveValue(
  value: string,
  resolver: ReferenceResolver,
  where: string,
  unresolved: Array<{ where: string; expression: string }>,
): string {
  const refs = parseReferences(value);
  if (refs.length === 0) return value.replace(/\$\$\{/g, '${');
  let out = '';
  let last = 0;
  for (const ref of refs) {
    const v = resolver(ref);
    out += value.slice(last, ref.start);
    if (v === undefined) {
      unresolved.push({ where, expression: ref.expression });
      out += value.slice(ref.start, ref.end);
    } else out += v;
    last = ref.end;
  }
  return (out + value.slice(last)).replace(/\$\$\{/g, '${');
}
