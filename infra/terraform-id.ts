/**
 * A readable Terraform resource key from a name, so the synthesized JSON reads `aws_lambda_function.config_naive`
 * instead of a hashed construct path.
 *
 * @example
 * terraformId('config-naive'); // 'config_naive'
 * terraformId('GET /db/naive'); // 'get_db_naive'
 */
export function terraformId(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(id) ? id : `_${id}`;
}
