/**
 * `npm run preflight`: before `cdktf deploy`, says what would fail on this account and machine (credentials,
 * the Lambda concurrency quota against the reservations and ACCOUNT_CONCURRENCY, the connection budget at the
 * real quota, the Terraform version). Creates nothing. Exits 1 when a check fails.
 */
import { runPreflight } from './preflight/index';

async function main(): Promise<void> {
  const { report, passed } = await runPreflight(process.env);
  process.stdout.write(report);
  if (!passed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`${e.name}${'code' in e ? ` [${String(e.code)}]` : ''}: ${e.message}\n`);
  process.exitCode = 1;
});
