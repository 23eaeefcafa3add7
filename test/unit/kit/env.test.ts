import { assertInt, readIntEnv } from '../../../functions/kit/env';
import { InvalidOptionError } from '../../../functions/kit/errors';

describe('readIntEnv', () => {
  it('falls back when the variable is unset or empty', () => {
    // Prepare / Act / Assess
    expect(readIntEnv('X', 7, {}, {})).toBe(7);
    expect(readIntEnv('X', 7, {}, { X: ' ' })).toBe(7);
  });

  it('reads an integer within range', () => {
    // Prepare / Act / Assess
    expect(readIntEnv('X', 7, { min: 0 }, { X: '250' })).toBe(250);
  });

  it('fails naming the variable, its value and the range', () => {
    // Prepare / Act
    const read = () => readIntEnv('CONFIG_TTL_MS', 1, { min: 0, max: 10 }, { CONFIG_TTL_MS: '1.5' });
    // Assess
    expect(read).toThrow(InvalidOptionError);
    expect(read).toThrow('environment: option "CONFIG_TTL_MS" is "1.5"; allowed: an integer from 0 to 10');
  });

  it('assertInt rejects out-of-range values with code EKITOPTION', () => {
    // Prepare / Act
    let caught: unknown;
    try {
      assertInt('C', 'max', 0, 1);
    } catch (err) {
      caught = err;
    }
    // Assess
    expect(caught).toBeInstanceOf(InvalidOptionError);
    expect((caught as InvalidOptionError).code).toBe('EKITOPTION');
    expect((caught as InvalidOptionError).name).toBe('InvalidOptionError');
  });
});
