import { parseAppConfig, requireDb } from '../../../functions/kit/config/app-config';
import { ParameterSet } from '../../../functions/kit/config/parameters';
import { ConfigValidationError } from '../../../functions/kit/errors';

const p = (entries: Record<string, string>, secure: string[] = []) =>
  new ParameterSet(Object.entries(entries).map(([name, value]) => ({ name, value, secure: secure.includes(name) })));

function validationError(run: () => unknown): ConfigValidationError {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigValidationError) return err;
    throw err;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('parseAppConfig', () => {
  it('yields a typed config from the contract parameters', () => {
    // Prepare
    const params = p(
      {
        'app/message': 'hi',
        'app/feature-flags': 'a, b-2',
        'db/host': 'h',
        'db/port': '6543',
        'db/database': 'd',
        'db/user': 'u',
        'db/ssl': 'disable',
        'db/password': 'pw-1234',
      },
      ['db/password'],
    );
    // Act
    const config = parseAppConfig(params);
    // Assess
    expect(config.message).toBe('hi');
    expect(config.featureFlags).toEqual(['a', 'b-2']);
    expect(config.db).toMatchObject({ host: 'h', port: 6543, database: 'd', user: 'u', ssl: 'disable' });
    expect(config.db?.password).toBe('pw-1234');
    expect(JSON.stringify(config)).not.toContain('pw-1234');
  });

  it('has no db section when no db parameter exists, and requireDb then names db/host', () => {
    // Prepare / Act
    const config = parseAppConfig(p({ 'app/message': 'hi' }));
    // Assess
    expect(config.db).toBeUndefined();
    expect(validationError(() => requireDb(config)).parameter).toBe('db/host');
  });

  it('prefers db/url and keeps it out of serialisation', () => {
    // Prepare / Act
    const config = parseAppConfig(p({ 'db/url': 'postgres://u:pw@h:1/d' }, ['db/url']));
    // Assess
    expect(config.db?.connectionString).toBe('postgres://u:pw@h:1/d');
    expect(config.db?.ssl).toBeUndefined();
    expect(JSON.stringify(config)).not.toContain('pw@');
  });

  it.each([
    ['db/port', { 'db/host': 'h', 'db/user': 'u', 'db/database': 'd', 'db/port': 'abc' }, []],
    ['db/ssl', { 'db/host': 'h', 'db/user': 'u', 'db/database': 'd', 'db/ssl': 'maybe' }, []],
    ['db/user', { 'db/host': 'h', 'db/database': 'd' }, []],
    ['db/url', { 'db/url': 'postgres://u:pw@h/d' }, []],
    ['db/url', { 'db/url': 'mysql://x' }, ['db/url']],
    ['app/feature-flags', { 'app/feature-flags': 'ok,bad flag' }, []],
  ] as [string, Record<string, string>, string[]][])(
    'fails naming %s when it is wrong',
    (parameter, entries, secure) => {
      // Prepare / Act
      const err = validationError(() => parseAppConfig(p(entries, secure)));
      // Assess
      expect(err.parameter).toBe(parameter);
      expect(err.code).toBe('ECONFIGINVALID');
    },
  );

  it('never puts a secret value in a validation message', () => {
    // Prepare / Act
    const err = validationError(() => parseAppConfig(p({ 'db/url': 'mysql://u:topsecret@h/d' }, ['db/url'])));
    // Assess
    expect(err.message).not.toContain('topsecret');
  });
});
