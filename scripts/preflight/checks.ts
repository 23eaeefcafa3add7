import type { FunctionSpec } from '../../functions/catalog';
import {
  ConnectionBudgetError,
  checkConnectionBudget,
  planConcurrency,
  type StageConfig,
  UNRESERVED_FLOOR,
} from '../../infra/index';
import type { AccountSettings } from './account-settings';
import type { TerraformCli } from './terraform-cli';
import { isAtLeast } from './version';

/** One line of the preflight's verdict. */
export interface Finding {
  readonly check: 'credentials' | 'concurrency' | 'connections' | 'terraform';
  readonly status: 'ok' | 'warn' | 'fail';
  readonly message: string;
}

/** What the checks look at. */
export interface PreflightInput {
  readonly config: StageConfig;
  readonly functions: readonly FunctionSpec[];
  readonly account: AccountSettings;
  readonly terraform: TerraformCli;
}

// value_wo (write-only, never in state) needs Terraform 1.11 or OpenTofu 1.11; so does the S3 lock file as GA.
export const MINIMUM_TERRAFORM = '1.11.0';

/**
 * Says what `cdktf deploy` would fail on, before anything is created: no credentials, a concurrency quota the
 * reservations (or ACCOUNT_CONCURRENCY) do not fit, a connection budget that does not hold at the real quota,
 * a Terraform too old for write-only arguments.
 *
 * @example
 * const findings = assessDeployment({ config, functions: functionCatalog, account, terraform });
 * const ok = findings.every((f) => f.status !== 'fail');
 */
export function assessDeployment(input: PreflightInput): Finding[] {
  return [...accountFindings(input), terraformFinding(input.terraform)];
}

function accountFindings({ config, functions, account }: PreflightInput): Finding[] {
  if (!account.read) {
    const message = account.noCredentials
      ? `no AWS credentials found (${account.reason}); set AWS_PROFILE or run aws configure / aws sso login`
      : `Lambda GetAccountSettings failed in ${config.region}: ${account.reason}`;
    return [{ check: 'credentials', status: 'fail', message }];
  }
  const quota = account.concurrentExecutions;
  const setting = config.accountConcurrency;
  const atSetting = planConcurrency(functions, setting);
  const atQuota = planConcurrency(functions, quota);
  const needed = atQuota.requestedReservations + UNRESERVED_FLOOR;
  const findings: Finding[] = [
    {
      check: 'credentials',
      status: 'ok',
      message: `GetAccountSettings in ${config.region}: ConcurrentExecutions ${quota}, UnreservedConcurrentExecutions ${account.unreservedConcurrentExecutions}`,
    },
  ];

  if (atSetting.reserve && !atQuota.reserve) {
    findings.push({
      check: 'concurrency',
      status: 'fail',
      message:
        `the account's concurrency quota is ${quota}, but the reservations need ${needed} ` +
        `(Σ reserved ${atQuota.requestedReservations} + ${UNRESERVED_FLOOR} unreserved): Lambda would refuse them ` +
        `mid-apply. Set ACCOUNT_CONCURRENCY=${quota} (the stack then reserves nothing), or ask AWS for a quota of ${needed}+`,
    });
  } else if (!atSetting.reserve && quota > setting) {
    findings.push({
      check: 'concurrency',
      status: 'fail',
      message:
        `ACCOUNT_CONCURRENCY=${setting} is below the account's quota ${quota}: without reservations the connection ` +
        `budget would count fewer environments than can run. Set ACCOUNT_CONCURRENCY=${quota}`,
    });
  } else if (
    atQuota.reserve &&
    account.unreservedConcurrentExecutions - atQuota.requestedReservations < UNRESERVED_FLOOR
  ) {
    findings.push({
      check: 'concurrency',
      status: 'warn',
      message:
        `other functions already reserve ${quota - account.unreservedConcurrentExecutions} of ${quota}: ` +
        `if this stack is not deployed yet, its ${atQuota.requestedReservations} reserved would leave fewer than ` +
        `${UNRESERVED_FLOOR} unreserved and Lambda would refuse them`,
    });
  } else {
    findings.push({
      check: 'concurrency',
      status: 'ok',
      message: atQuota.reserve
        ? `reservations fit: Σ reserved ${atQuota.requestedReservations} + ${UNRESERVED_FLOOR} unreserved <= ${quota}`
        : `quota ${quota} is too small for reservations; with ACCOUNT_CONCURRENCY=${setting} the stack reserves nothing`,
    });
  }

  try {
    const budget = checkConnectionBudget(functions, {
      maxConnections: config.dbMaxConnections,
      headroom: config.dbConnectionHeadroom,
      concurrency: atQuota,
    });
    findings.push({
      check: 'connections',
      status: 'ok',
      message: `at quota ${quota}: at most ${budget.demand} connections + headroom ${budget.headroom} <= max_connections ${budget.maxConnections}`,
    });
  } catch (error) {
    if (!(error instanceof ConnectionBudgetError)) throw error;
    findings.push({ check: 'connections', status: 'fail', message: `at quota ${quota}: ${error.message}` });
  }
  return findings;
}

function terraformFinding(cli: TerraformCli): Finding {
  if (!cli.found) {
    return {
      check: 'terraform',
      status: 'fail',
      message: `no Terraform CLI (${cli.reason}); install Terraform or OpenTofu >= ${MINIMUM_TERRAFORM}`,
    };
  }
  if (!isAtLeast(cli.version, MINIMUM_TERRAFORM)) {
    return {
      check: 'terraform',
      status: 'fail',
      message:
        `${cli.binary} ${cli.version} is older than ${MINIMUM_TERRAFORM}: it cannot apply the write-only ` +
        `value_wo that keeps SecureStrings out of state. Upgrade to >= ${MINIMUM_TERRAFORM}`,
    };
  }
  if (cli.binary !== 'terraform') {
    return {
      check: 'terraform',
      status: 'ok',
      message: `${cli.binary} ${cli.version}; cdktf runs it only with TERRAFORM_BINARY_NAME=${cli.binary} set`,
    };
  }
  return { check: 'terraform', status: 'ok', message: `${cli.binary} ${cli.version}` };
}
