import { ParameterSet } from '../../../functions/kit/config/parameters';

describe('ParameterSet', () => {
  const set = new ParameterSet([
    { name: 'app/message', value: 'hello', secure: false },
    { name: 'db/password', value: 'p4ssw0rd-xyz', secure: true },
  ]);

  it('returns secure values to code that asks by name', () => {
    // Prepare / Act / Assess
    expect(set.get('db/password')).toBe('p4ssw0rd-xyz');
    expect(set.isSecure('db/password')).toBe(true);
  });

  it('lists only String parameters in its public view', () => {
    // Prepare / Act
    const view = set.publicView();
    // Assess
    expect(view).toEqual({ 'app/message': 'hello' });
  });

  it('never serialises or enumerates a secure value', () => {
    // Prepare / Act
    const dumped = [
      JSON.stringify(set),
      JSON.stringify({ ...set }),
      Object.keys(set).join(','),
      require('node:util').inspect(set, { depth: 5 }),
    ];
    // Assess
    for (const text of dumped) expect(text).not.toContain('p4ssw0rd-xyz');
  });
});
