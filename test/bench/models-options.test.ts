import { modelFunctions, parseBenchArgs } from '../../bench/runner';
import { BenchOptionError } from '../../bench/runner/errors';

describe('bench --models options', () => {
  it('measures hello, db and db-naive by default and the given functions when --functions is set', () => {
    // Act
    const byDefault = parseBenchArgs(['--models'], '/repo');
    const given = parseBenchArgs(['--models', '--functions', 'hello'], '/repo');
    // Assess
    expect(byDefault).toMatchObject({
      models: true,
      functions: modelFunctions,
      cellSeconds: 5,
      deployedModel: 'classic',
    });
    expect(given).toMatchObject({ models: true, functions: ['hello'] });
  });

  it('rejects a cell length of 0 and an unknown deployed model, naming the flag', () => {
    // Act / Assess
    expect(() => parseBenchArgs(['--models', '--cell-seconds', '0'], '/repo')).toThrow(BenchOptionError);
    expect(() => parseBenchArgs(['--models', '--cell-seconds', '0'], '/repo')).toThrow(/--cell-seconds/);
    expect(() => parseBenchArgs(['--models', '--model', 'lmi'], '/repo')).toThrow(/--model/);
  });

  it('reads --cell-seconds as a decimal number and --model for a deployed stack', () => {
    // Act
    const o = parseBenchArgs(
      ['--models', '--cell-seconds', '0.5', '--target', 'aws', '--model', 'managed-instances'],
      '/repo',
    );
    // Assess
    expect(o).toMatchObject({ cellSeconds: 0.5, target: 'aws', deployedModel: 'managed-instances' });
  });
});
