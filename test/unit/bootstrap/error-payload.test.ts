import { errorPayload } from '../../../local/runtime/bootstrap/error-payload';
import { ImportModuleError } from '../../../local/runtime/bootstrap/errors';

describe('errorPayload', () => {
  it('types an error by its name, with its message and stack lines as the trace', () => {
    // Prepare
    const err = new TypeError('bad input');

    // Act
    const payload = errorPayload(err);

    // Assess
    expect(payload).toEqual({ errorType: 'TypeError', errorMessage: 'bad input', trace: err.stack?.split('\n') });
    expect(payload.trace[0]).toBe('TypeError: bad input');
  });

  it("types a plain Error that a subclass did not rename by the subclass's name", () => {
    // Prepare
    class QuotaExceeded extends Error {}

    // Act
    const payload = errorPayload(new QuotaExceeded('over'));

    // Assess
    expect(payload.errorType).toBe('QuotaExceeded');
  });

  it("types the bootstrap's own errors by Lambda's error type", () => {
    // Act
    const payload = errorPayload(new ImportModuleError("Error: Cannot find module 'index'"));

    // Assess
    expect(payload.errorType).toBe('Runtime.ImportModuleError');
    expect(payload.trace[0]).toBe("Runtime.ImportModuleError: Error: Cannot find module 'index'");
  });

  it('types a thrown string as string, and formats any other value, with no trace', () => {
    // Act
    const text = errorPayload('nope');
    const object = errorPayload({ reason: 42 });

    // Assess
    expect(text).toEqual({ errorType: 'string', errorMessage: 'nope', trace: [] });
    expect(object).toEqual({ errorType: 'string', errorMessage: '{ reason: 42 }', trace: [] });
  });

  it('lets the caller override the type', () => {
    // Act
    const payload = errorPayload(new Error('x'), 'Runtime.MalformedHandlerResponse');

    // Assess
    expect(payload.errorType).toBe('Runtime.MalformedHandlerResponse');
  });
});
