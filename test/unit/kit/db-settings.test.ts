import { parseAppConfig } from '../../../functions/kit/config/app-config';
import { ParameterSet } from '../../../functions/kit/config/parameters';
import { InvalidOptionError } from '../../../functions/kit/errors';
import { Redactor } from '../../../functions/kit/redact';
import { dbCredentialsFrom, dbSettingsWith } from '../../../functions/kit/secrets';

const managed = (extra: Record<string, string> = {}) => {
  const parameters = new ParameterSet(
    Object.entries({
      'db/host': 'db.internal',
      'db/user': 'postgres',
      'db/database': 'lab',
      'db/ssl': 'verify-full',
      'db/password-secret-id': 'arn:aws:secretsmanager:us-east-1:000000000000:secret:rds!db-x-a1b2c3',
      ...extra,
    }).map(([name, value]) => ({ name, value, secure: false })),
  );
  return { config: parseAppConfig(parameters), parameters, loadedAt: 0 };
};

describe('dbSettingsWith', () => {
  it('takes the password from the secret in managed mode, keeping it out of JSON', () => {
    // Prepare
    const credentials = dbCredentialsFrom('{"username":"postgres","password":"s3cret-pw"}', new Redactor());
    // Act
    const db = dbSettingsWith(managed(), credentials);
    // Assess
    expect(db).toMatchObject({ host: 'db.internal', user: 'postgres', database: 'lab', ssl: 'verify-full' });
    expect(db.password).toBe('s3cret-pw');
    expect(JSON.stringify(db)).not.toContain('s3cret-pw');
    expect(Object.isFrozen(db)).toBe(true);
  });

  it('fails naming DB_SECRET_ARN when the stack is in managed mode but the variable is unset', () => {
    // Act
    const attempt = () => dbSettingsWith(managed(), undefined);
    // Assess
    expect(attempt).toThrow(InvalidOptionError);
    expect(attempt).toThrow(/option "DB_SECRET_ARN" is undefined; allowed: the ARN of the database secret/);
  });

  it('passes external-mode settings (db/url) through untouched', () => {
    // Prepare
    const parameters = new ParameterSet([{ name: 'db/url', value: 'postgres://u:p@h/d', secure: true }]);
    // Act
    const db = dbSettingsWith({ config: parseAppConfig(parameters), parameters, loadedAt: 0 }, undefined);
    // Assess
    expect(db.connectionString).toBe('postgres://u:p@h/d');
  });
});

describe('dbCredentialsFrom', () => {
  it('registers the whole SecretString and the password with the redactor, and takes a plain string as the password', () => {
    // Prepare
    const redactor = new Redactor();
    // Act
    const json = dbCredentialsFrom('{"username":"u","password":"pw-json"}', redactor);
    const plain = dbCredentialsFrom('pw-plain-string', redactor);
    // Assess
    expect(json).toEqual({ username: 'u' });
    expect(json.password).toBe('pw-json');
    expect(plain.password).toBe('pw-plain-string');
    expect(redactor.redactText('a pw-json b pw-plain-string')).toBe('a [REDACTED] b [REDACTED]');
  });
});
