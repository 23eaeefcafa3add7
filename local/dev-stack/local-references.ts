import { chainResolvers, type ReferenceResolver, referenceTo, stackResolver, type TerraformJson } from '../stack';
import { localDbSecretArn } from './database-secret';

/** What the local stand-ins answer for references that only exist once deployed. */
export interface LocalValues {
  readonly region: string;
  readonly accountId: string;
  /** The database the functions reach (the embedded PostgreSQL or DATABASE_URL's). */
  readonly database: { readonly host: string; readonly port: number; readonly name: string };
  /** The HTTP API's base URL. */
  readonly httpApiUrl: string;
}

/**
 * Resolves the Terraform references of a synthesized stack to their local equivalents: an
 * aws_lambda_function's arn/invoke_arn to the local function's ARN, an aws_db_instance's address
 * and port to the local PostgreSQL, an aws_apigatewayv2_api's endpoint to the local HTTP API,
 * data sources to the local account and region; literal attributes and variables from the stack.
 *
 * @example
 * const resolve = localResolver(stack, { region: 'us-east-1', accountId: '000000000000', database, httpApiUrl });
 * resolveValue('${aws_lambda_function.hello.invoke_arn}', resolve, 'where', []);
 */
export function localResolver(stack: TerraformJson, local: LocalValues): ReferenceResolver {
  const literal = stackResolver(stack);
  const { region, accountId } = local;
  const functionArn = (id: string): string | undefined => {
    const name = literal(referenceTo('aws_lambda_function', id, 'function_name'));
    return name === undefined ? undefined : `arn:aws:lambda:${region}:${accountId}:function:${name}`;
  };
  const deployed: ReferenceResolver = (ref) => {
    const [type, id = '', attr, ...rest] = ref.parts;
    switch (type) {
      case 'aws_lambda_function': {
        const arn = functionArn(id);
        if (arn === undefined) return undefined;
        if (attr === 'arn') return arn;
        if (attr === 'qualified_arn') return `${arn}:$LATEST`;
        if (attr === 'invoke_arn')
          return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`;
        if (attr === 'qualified_invoke_arn')
          return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}:$LATEST/invocations`;
        if (attr === 'version') return '$LATEST';
        return undefined;
      }
      case 'aws_ssm_parameter': {
        if (attr !== 'arn') return undefined;
        const name = literal(referenceTo('aws_ssm_parameter', id, 'name'));
        return name === undefined
          ? undefined
          : `arn:aws:ssm:${region}:${accountId}:parameter/${name.replace(/^\//, '')}`;
      }
      case 'aws_db_instance':
        if (attr === 'address') return local.database.host;
        if (attr === 'port') return String(local.database.port);
        if (attr === 'endpoint') return `${local.database.host}:${local.database.port}`;
        if (attr === 'db_name') return local.database.name;
        // master_user_secret[0].secret_arn: the local Secrets Manager serves the local password under it.
        if (attr === 'master_user_secret' && rest.includes('secret_arn')) return localDbSecretArn(region, accountId);
        return undefined;
      case 'aws_apigatewayv2_api':
        if (attr === 'api_endpoint') return local.httpApiUrl;
        if (attr === 'id') return 'local';
        if (attr === 'execution_arn') return `arn:aws:execute-api:${region}:${accountId}:local`;
        return undefined;
      case 'data': {
        const [, dataType, , dataAttr] = ref.parts;
        if (dataType === 'aws_caller_identity' && dataAttr === 'account_id') return accountId;
        if (dataType === 'aws_region' && (dataAttr === 'name' || dataAttr === 'region' || dataAttr === 'id'))
          return region;
        if (dataType === 'aws_partition' && dataAttr === 'partition') return 'aws';
        if (dataType === 'aws_partition' && dataAttr === 'dns_suffix') return 'amazonaws.com';
        return undefined;
      }
      default:
        return undefined;
    }
  };
  return chainResolvers(deployed, literal);
}
