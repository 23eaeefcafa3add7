import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');

function sources(): string[] {
  const infra = join(repoRoot, 'infra');
  return [
    join(repoRoot, 'main.ts'),
    ...readdirSync(infra)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(infra, f)),
  ];
}

describe('imports of the CDKTF packages', () => {
  it('imports the cdktf package from infra/cdktf.ts only, so moving to cdktn is a change there', () => {
    // Prepare
    const files = sources();
    // Act
    const offenders = files
      .filter((f) => /from 'cdktf(\/[^']*)?'/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(repoRoot, f));
    // Assess
    expect(offenders).toEqual(['infra/cdktf.ts']);
  });

  it('imports the AWS provider from infra/aws.ts only, and there by subpath, never the package root', () => {
    // Prepare
    const files = sources();
    // Act
    const importers = files
      .filter((f) => readFileSync(f, 'utf8').includes("'@cdktf/provider-aws"))
      .map((f) => relative(repoRoot, f));
    const aws = readFileSync(join(repoRoot, 'infra', 'aws.ts'), 'utf8');
    // Assess
    expect(importers).toEqual(['infra/aws.ts']);
    expect(aws).not.toMatch(/'@cdktf\/provider-aws'/);
    expect(aws.match(/from '@cdktf\/provider-aws\/lib\/[a-z0-9-]+'/g)?.length).toBeGreaterThan(20);
  });
});
