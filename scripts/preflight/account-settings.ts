import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';

/** Lambda's concurrency figures for the account in one region, or why they could not be read. */
export type AccountSettings =
  | {
      readonly read: true;
      /** AccountLimit.ConcurrentExecutions: the quota. */
      readonly concurrentExecutions: number;
      /** AccountLimit.UnreservedConcurrentExecutions: the quota less what functions already reserve. */
      readonly unreservedConcurrentExecutions: number;
    }
  | { readonly read: false; readonly noCredentials: boolean; readonly reason: string };

export const accountSettingsDefaults = {
  // One retry: a preflight should answer in seconds, not sit out the SDK's back-off.
  maxAttempts: 2,
} as const;

/**
 * Calls Lambda GetAccountSettings with the default credential chain (AWS_PROFILE, env keys, SSO, ...) in
 * `region`, the stack's region, since the quota is per region. AWS_ENDPOINT_URL_LAMBDA redirects the call.
 *
 * @example
 * const settings = await readAccountSettings('us-east-1');
 */
export async function readAccountSettings(region: string): Promise<AccountSettings> {
  const client = new LambdaClient({ region, maxAttempts: accountSettingsDefaults.maxAttempts });
  try {
    const out = await client.send(new GetAccountSettingsCommand({}));
    const limit = out.AccountLimit;
    if (limit?.ConcurrentExecutions === undefined || limit.UnreservedConcurrentExecutions === undefined) {
      return { read: false, noCredentials: false, reason: 'GetAccountSettings returned no AccountLimit' };
    }
    return {
      read: true,
      concurrentExecutions: limit.ConcurrentExecutions,
      unreservedConcurrentExecutions: limit.UnreservedConcurrentExecutions,
    };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return {
      read: false,
      noCredentials: e.name === 'CredentialsProviderError',
      reason: `${e.name}: ${e.message}`,
    };
  } finally {
    client.destroy();
  }
}
