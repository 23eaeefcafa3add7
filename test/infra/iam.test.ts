import { functionCatalog } from '../../functions/catalog';
import { wildcardOnlyActions } from '../../infra/index';
import {
  buildStandInBundles,
  iamStatements,
  resources,
  type SynthesizedStack,
  synthStack,
  terraformKey,
} from './support';

// The only places Resource "*" is allowed, and why: AWS does not authorise these actions on anything narrower.
const namedWildcardExceptions: Record<string, readonly string[]> = {
  // X-Ray segments and telemetry have no resource ARN.
  XRayWriteRequiresWildcard: wildcardOnlyActions.xray,
  // Lambda creates the ENIs while attaching the function to the VPC; they do not exist to be named beforehand.
  VpcNetworkInterfacesRequireWildcard: wildcardOnlyActions.vpcNetworkInterfaces,
};

describe.each(['managed', 'external'])('IAM in %s database mode', (mode) => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  let parsed: SynthesizedStack;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
    ({ parsed } = synthStack({ DB_MODE: mode }, bundles.bundlesDir));
  });
  afterAll(() => bundles.cleanup());

  it('never grants Action "*" or a service-wide action wildcard', () => {
    // Prepare
    const statements = iamStatements(parsed);
    // Act
    const wildcardActions = statements.filter(({ statement }) =>
      statement.Action.some((a) => a === '*' || a.endsWith(':*')),
    );
    // Assess
    expect(statements.length).toBeGreaterThan(0);
    expect(wildcardActions).toEqual([]);
  });

  it('uses Resource "*" only for the named exceptions AWS requires, with exactly their actions', () => {
    // Prepare
    const statements = iamStatements(parsed);
    // Act
    const wildcard = statements.filter(({ statement }) => statement.Resource.some((r) => r === '*'));
    // Assess
    expect(wildcard.length).toBeGreaterThan(0);
    for (const { policy, statement } of wildcard) {
      const allowed = namedWildcardExceptions[statement.Sid];
      if (!allowed)
        throw new Error(`policy ${policy}: statement ${statement.Sid} uses Resource "*" and is not a named exception`);
      expect(statement.Resource).toEqual(['*']);
      expect([...statement.Action].sort()).toEqual([...allowed].sort());
    }
  });

  it('lets functions read SSM only under the app path and decrypt only with the stage key through SSM', () => {
    // Prepare
    const statements = iamStatements(parsed).map((s) => s.statement);
    // Act
    const ssm = statements.filter((s) => s.Action.some((a) => a.startsWith('ssm:')));
    const kms = statements.filter((s) => s.Action.some((a) => a.startsWith('kms:')));
    // Assess
    expect(ssm.length).toBeGreaterThan(0);
    for (const s of ssm) {
      for (const arn of s.Resource) {
        expect(arn).toMatch(
          /^arn:\$\{data\.aws_partition\.partition\.partition\}:ssm:us-east-1:\$\{data\.aws_caller_identity\.account\.account_id\}:parameter\//,
        );
        const path = arn.split(':parameter')[1];
        const underApp = path === '/lambda-reuse-lab/dev' || path === '/lambda-reuse-lab/dev/*';
        // The Secrets Manager reference path is read-only pass-through, gated by GetSecretValue on the one secret.
        const reference = path === '/aws/reference/secretsmanager/*' && s.Action.join() === 'ssm:GetParameter';
        expect({ sid: s.Sid, path, ok: underApp || reference }).toEqual({ sid: s.Sid, path, ok: true });
      }
    }
    for (const s of kms) {
      expect(s.Action).toEqual(['kms:Decrypt']);
      expect(s.Resource).toEqual(['${aws_kms_key.app.arn}']);
      expect(s.Condition).toEqual({
        StringEquals: { 'kms:ViaService': expect.arrayContaining(['ssm.us-east-1.amazonaws.com']) },
      });
    }
  });

  it('gives SSM, secret and VPC permissions only to the functions that need them', () => {
    // Prepare
    const statements = iamStatements(parsed);
    // Act
    const sidsOf = (fn: string) =>
      statements.filter((s) => s.policy === `fn_${terraformKey(fn)}`).map((s) => s.statement.Sid);
    // Assess
    for (const f of functionCatalog) {
      const sids = sidsOf(f.name);
      expect(sids).toContain('WriteOwnLogs');
      expect(sids.includes('ReadAppParameters')).toBe(f.usesSsm);
      expect(sids.includes('ReadDatabaseSecret')).toBe(f.usesDb && mode === 'managed');
      expect(sids.includes('VpcNetworkInterfacesRequireWildcard')).toBe(f.usesDb && mode === 'managed');
    }
  });

  it('lets each function write only to its own log group', () => {
    // Prepare
    const statements = iamStatements(parsed).filter((s) => s.statement.Sid === 'WriteOwnLogs');
    // Act
    const targets = statements.map((s) => [s.policy, s.statement.Resource]);
    // Assess
    expect(targets).toHaveLength(functionCatalog.length);
    for (const [policy, resource] of targets) {
      expect(resource).toEqual([`\${aws_cloudwatch_log_group.${String(policy)}.arn}:*`]);
    }
    expect(Object.keys(resources(parsed, 'aws_iam_role'))).toHaveLength(functionCatalog.length);
  });
});

describe('IAM for the database password (managed mode)', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  let parsed: SynthesizedStack;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
    ({ parsed } = synthStack({}, bundles.bundlesDir));
  });
  afterAll(() => bundles.cleanup());

  it('lets each database function GetSecretValue on the RDS-managed secret only, and nothing else of Secrets Manager', () => {
    // Prepare
    const statements = iamStatements(parsed).filter((s) => s.policy.startsWith('fn_'));
    // Act
    const secrets = statements.filter((s) => s.statement.Action.some((a) => a.startsWith('secretsmanager:')));
    // Assess
    expect(secrets.map((s) => s.policy).sort()).toEqual(
      functionCatalog
        .filter((f) => f.usesDb)
        .map((f) => `fn_${terraformKey(f.name)}`)
        .sort(),
    );
    for (const { statement } of secrets) {
      expect(statement.Action).toEqual(['secretsmanager:GetSecretValue']);
      expect(statement.Resource).toEqual(['${aws_db_instance.main.master_user_secret[0].secret_arn}']);
    }
  });

  it('lets the stage key decrypt through Secrets Manager only for the functions that read the secret', () => {
    // Prepare
    const statements = iamStatements(parsed).filter((s) => s.statement.Action.includes('kms:Decrypt'));
    // Act
    const viaOf = Object.fromEntries(
      statements
        .filter((s) => s.policy.startsWith('fn_'))
        .map((s) => [
          s.policy,
          (s.statement.Condition as { StringEquals: Record<string, string[]> }).StringEquals['kms:ViaService'],
        ]),
    );
    // Assess
    for (const f of functionCatalog.filter((fn) => fn.usesSsm)) {
      const expected = ['ssm.us-east-1.amazonaws.com'];
      if (f.usesDb) expected.push('secretsmanager.us-east-1.amazonaws.com');
      expect([f.name, viaOf[`fn_${terraformKey(f.name)}`]]).toEqual([f.name, expected]);
    }
  });

  it("grants no read of SSM's /aws/reference/secretsmanager/ path, which the functions no longer use", () => {
    // Prepare
    const rendered = JSON.stringify(iamStatements(parsed));
    // Act
    const mentions = rendered.includes('/aws/reference/secretsmanager');
    // Assess
    expect(mentions).toBe(false);
  });
});
