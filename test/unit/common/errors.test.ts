import { CodedError, errorCode, InvalidOptionError } from '../../../common/errors';

class StackBrokenError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('ESTACKBROKEN', message, options);
  }
}

describe('CodedError', () => {
  it('takes its name from the class constructed, so subclasses repeat nothing', () => {
    // Act
    const err = new StackBrokenError('no stack');

    // Assess
    expect(err).toBeInstanceOf(CodedError);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('StackBrokenError');
    expect(err.code).toBe('ESTACKBROKEN');
    expect(String(err)).toBe('StackBrokenError: no stack');
  });

  it('keeps the cause it was given', () => {
    // Prepare
    const cause = new Error('disk full');

    // Act
    const err = new StackBrokenError('cannot write', { cause });

    // Assess
    expect(err.cause).toBe(cause);
  });
});

describe('InvalidOptionError', () => {
  it('names the component, the option, the value and what is allowed', () => {
    // Act
    const err = new InvalidOptionError({
      component: 'bench',
      option: '--seconds',
      value: 'abc',
      allowed: 'a number above 0',
    });

    // Assess
    expect(err.message).toBe('bench: option --seconds is "abc"; allowed: a number above 0');
    expect(err.code).toBe('EINVALIDOPTION');
    expect(err.name).toBe('InvalidOptionError');
    expect(err.option).toBe('--seconds');
  });

  it('describes values JSON cannot show', () => {
    // Act
    const nan = new InvalidOptionError({ component: 'c', option: 'o', value: Number.NaN, allowed: 'a number' });
    const none = new InvalidOptionError({ component: 'c', option: 'o', value: undefined, allowed: 'a number' });

    // Assess
    expect(nan.message).toContain('is NaN;');
    expect(none.message).toContain('is undefined;');
  });
});

describe('errorCode', () => {
  it('reads the code of coded errors and Node system errors, and nothing else', () => {
    // Assess
    expect(errorCode(new StackBrokenError('x'))).toBe('ESTACKBROKEN');
    expect(errorCode(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe('ENOENT');
    expect(errorCode(new Error('x'))).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
    expect(errorCode('ENOENT')).toBeUndefined();
  });
});
