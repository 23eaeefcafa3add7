/**
 * Reads the function URLs of a synthesized stack (cdk.tf.json, parsed): each `aws_lambda_function_url`
 * and the `aws_lambda_function` it fronts, with the settings of Terraform's resource
 * (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function_url):
 * `authorization_type` (NONE or AWS_IAM), `invoke_mode` (BUFFERED, the default, or RESPONSE_STREAM)
 * and the `cors` block.
 */

import { CodedError } from '../../common/errors';

/** The `cors` block, in the Lambda API's names (API_Cors). */
export interface FunctionUrlCors {
  readonly allowCredentials: boolean;
  readonly allowHeaders: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowOrigins: readonly string[];
  readonly exposeHeaders: readonly string[];
  /** Seconds; 0 (the default) means browsers do not cache the preflight. */
  readonly maxAge: number;
}

/** One `aws_lambda_function_url` of the stack. */
export interface StackFunctionUrl {
  readonly resourceId: string;
  /** `aws_lambda_function.<functionResourceId>` when function_name references one, else undefined. */
  readonly functionResourceId: string | undefined;
  /** The function's name: resolved from the reference when a resolver knew it, or the literal. */
  readonly functionName: string | undefined;
  readonly authorizationType: 'NONE' | 'AWS_IAM';
  readonly invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
  readonly cors: FunctionUrlCors | undefined;
}

/** A function URL resource has a shape this reader does not understand (the message names it). */
export class FunctionUrlStackError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('ESTACKFUNCTIONURL', message, options);
  }
}

const strings = (value: unknown, where: string): string[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new FunctionUrlStackError(`stack: ${where} must be a list of strings, got ${JSON.stringify(value)}`);
  }
  return value;
};

/**
 * Lists the stack's function URLs; `functionName` maps an `aws_lambda_function` resource id to its
 * deployed name (as the local runtime knows it).
 *
 * @throws {FunctionUrlStackError} on an invoke mode, authorization type or cors block Terraform would refuse
 * @example
 * const urls = functionUrlsFromStack(stack, { functionName: (id) => loaded.functionNames.get(id) });
 */
export function functionUrlsFromStack(
  stack: unknown,
  options: { functionName?: (functionResourceId: string) => string | undefined } = {},
): StackFunctionUrl[] {
  const all = (stack as { resource?: Record<string, unknown> } | null)?.resource?.aws_lambda_function_url;
  if (all === undefined) return [];
  if (all === null || typeof all !== 'object') {
    throw new FunctionUrlStackError('stack: resource.aws_lambda_function_url must be an object of resources');
  }
  const out: StackFunctionUrl[] = [];
  for (const [id, raw] of Object.entries(all as Record<string, Record<string, unknown>>)) {
    if (id.startsWith('//')) continue;
    const where = `aws_lambda_function_url.${id}`;
    const name = raw.function_name;
    if (typeof name !== 'string' || name.length === 0) {
      throw new FunctionUrlStackError(`stack: ${where}.function_name must be a string, got ${JSON.stringify(name)}`);
    }
    const ref = /^\$\{aws_lambda_function\.([A-Za-z0-9_-]+)\.(function_name|arn|id)\}$/.exec(name);
    const functionResourceId = ref?.[1];
    const functionName = functionResourceId ? options.functionName?.(functionResourceId) : name;
    const invokeMode = raw.invoke_mode ?? 'BUFFERED';
    if (invokeMode !== 'BUFFERED' && invokeMode !== 'RESPONSE_STREAM') {
      throw new FunctionUrlStackError(
        `stack: ${where}.invoke_mode must be BUFFERED or RESPONSE_STREAM, got ${JSON.stringify(invokeMode)}`,
      );
    }
    const authorizationType = raw.authorization_type;
    if (authorizationType !== 'NONE' && authorizationType !== 'AWS_IAM') {
      throw new FunctionUrlStackError(
        `stack: ${where}.authorization_type must be NONE or AWS_IAM, got ${JSON.stringify(authorizationType)}`,
      );
    }
    // A block is an object in Terraform JSON, or a list of one.
    const block = Array.isArray(raw.cors) ? raw.cors[0] : raw.cors;
    let cors: FunctionUrlCors | undefined;
    if (block !== undefined && block !== null) {
      if (typeof block !== 'object') throw new FunctionUrlStackError(`stack: ${where}.cors must be a block`);
      const c = block as Record<string, unknown>;
      const maxAge = c.max_age ?? 0;
      if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0 || maxAge > 86400) {
        throw new FunctionUrlStackError(`stack: ${where}.cors.max_age must be an integer from 0 to 86400`);
      }
      cors = {
        allowCredentials: c.allow_credentials === true,
        allowHeaders: strings(c.allow_headers, `${where}.cors.allow_headers`),
        allowMethods: strings(c.allow_methods, `${where}.cors.allow_methods`),
        allowOrigins: strings(c.allow_origins, `${where}.cors.allow_origins`),
        exposeHeaders: strings(c.expose_headers, `${where}.cors.expose_headers`),
        maxAge,
      };
    }
    out.push({ resourceId: id, functionResourceId, functionName, authorizationType, invokeMode, cors });
  }
  return out;
}
