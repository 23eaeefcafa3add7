import {
  assertHandlerAllowed,
  CALLBACK_DEPRECATED_MESSAGE,
  callbacksAllowedOn,
  isCallbackStyle,
} from '../../../local/runtime/bootstrap/callback-rules';

const callbackHandler = (_event: unknown, _context: unknown, _callback: unknown) => undefined;
const asyncHandler = async (_event: unknown, _context: unknown) => undefined;

describe('callback rules', () => {
  it('allows callbacks on nodejs22.x and older, not on nodejs24.x or when the runtime is not named', () => {
    // Act
    const allowed = ['AWS_Lambda_nodejs20.x', 'AWS_Lambda_nodejs22.x', 'AWS_Lambda_nodejs24.x', ''].map(
      callbacksAllowedOn,
    );

    // Assess
    expect(allowed).toEqual([true, true, false, false]);
  });

  it('takes a handler declaring three parameters as callback-style', () => {
    // Assess
    expect(isCallbackStyle(callbackHandler)).toBe(true);
    expect(isCallbackStyle(asyncHandler)).toBe(false);
  });

  it("rejects a callback-style handler where callbacks are not allowed, with Lambda's type and message", () => {
    // Act
    const rejected = () => assertHandlerAllowed(callbackHandler, false);

    // Assess
    expect(rejected).toThrow(
      expect.objectContaining({
        name: 'Runtime.CallbackHandlerDeprecated',
        code: 'ECALLBACKHANDLERDEPRECATED',
        message: CALLBACK_DEPRECATED_MESSAGE,
      }),
    );
    expect(CALLBACK_DEPRECATED_MESSAGE).toMatch(
      /^ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node\.js 24\. /,
    );
  });

  it('accepts a callback-style handler where callbacks are allowed, and an async one anywhere', () => {
    // Assess
    expect(() => assertHandlerAllowed(callbackHandler, true)).not.toThrow();
    expect(() => assertHandlerAllowed(asyncHandler, false)).not.toThrow();
  });
});
