import { CodedError } from '../../common/errors';
import { type ParameterType, parameterTypes } from '../ssm';
import { type ReferenceResolver, resolveValue } from './references';

/**
 * Reads the `aws_ssm_parameter` resources of a synthesized stack (cdk.tf.json, parsed) so the local
 * SSM endpoint can be seeded with what the deployed stack would create.
 */

/** An `aws_ssm_parameter` of the stack; `value` is undefined when it holds an unresolved reference. */
export interface StackSsmParameter {
  /** The terraform resource id, `aws_ssm_parameter.<resourceId>`. */
  resourceId: string;
  name: string;
  type: ParameterType;
  value: string | undefined;
}

/** A terraform expression (`${...}`) in a parameter's name or value that no resolver could answer. */
export interface UnresolvedReference {
  resourceId: string;
  attribute: 'name' | 'value';
  /** The expression inside `${...}`; never the value around it. */
  expression: string;
}

/** The stack's `aws_ssm_parameter` resources have a shape this reader does not understand. */
export class SsmParametersStackError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('ESTACKSSM', message, options);
  }
}

/** Resolves every reference in `text`, or returns undefined (after reporting each miss) when one stays open. */
function resolveString(
  text: string,
  resolve: ReferenceResolver,
  onUnresolved: (expression: string) => void,
): string | undefined {
  const missing: { where: string; expression: string }[] = [];
  const out = resolveValue(text, resolve, '', missing);
  for (const m of missing) onUnresolved(m.expression);
  return missing.length === 0 ? out : undefined;
}

/**
 * Lists the stack's SSM parameters. Names and values may be literal or hold terraform
 * references; those a resolver cannot answer are reported in `unresolved` (a parameter whose
 * name is unresolved is left out of `parameters`).
 *
 * @example
 * const stack = JSON.parse(readFileSync('cdktf.out/stacks/lambda-reuse-lab-dev/cdk.tf.json', 'utf8'));
 * const { parameters, unresolved } = ssmParametersFromStack(stack, { resolve: stackResolver(stack) });
 */
export function ssmParametersFromStack(
  stack: unknown,
  options: { resolve?: ReferenceResolver } = {},
): { parameters: StackSsmParameter[]; unresolved: UnresolvedReference[] } {
  const resolve = options.resolve ?? (() => undefined);
  const resources = (stack as { resource?: Record<string, unknown> } | null)?.resource?.aws_ssm_parameter;
  const parameters: StackSsmParameter[] = [];
  const unresolved: UnresolvedReference[] = [];
  if (resources === undefined) return { parameters, unresolved };
  if (resources === null || typeof resources !== 'object') {
    throw new SsmParametersStackError('stack: resource.aws_ssm_parameter must be an object of resources');
  }
  for (const [resourceId, raw] of Object.entries(resources as Record<string, unknown>)) {
    if (resourceId.startsWith('//')) continue;
    const resource = raw as { name?: unknown; type?: unknown; value?: unknown; insecure_value?: unknown };
    if (typeof resource?.name !== 'string') {
      throw new SsmParametersStackError(
        `stack: aws_ssm_parameter.${resourceId}.name must be a string, got ${typeof resource?.name}`,
      );
    }
    if (!parameterTypes.includes(resource.type as ParameterType)) {
      throw new SsmParametersStackError(
        `stack: aws_ssm_parameter.${resourceId}.type must be one of ${parameterTypes.join(', ')}, got ${JSON.stringify(resource.type)}`,
      );
    }
    const name = resolveString(resource.name, resolve, (expression) =>
      unresolved.push({ resourceId, attribute: 'name', expression }),
    );
    if (name === undefined) continue;
    // The provider accepts the value as `value` (sensitive) or `insecure_value`.
    const rawValue = resource.value ?? resource.insecure_value;
    let value: string | undefined;
    if (typeof rawValue === 'string') {
      value = resolveString(rawValue, resolve, (expression) =>
        unresolved.push({ resourceId, attribute: 'value', expression }),
      );
    } else if (rawValue !== undefined) {
      throw new SsmParametersStackError(
        `stack: aws_ssm_parameter.${resourceId}.value must be a string, got ${typeof rawValue}`,
      );
    }
    parameters.push({ resourceId, name, type: resource.type as ParameterType, value });
  }
  return { parameters, unresolved };
}
