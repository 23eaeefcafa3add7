/** The target could not be set up: a stack's outputs missing or malformed, the local stack failing to start. */
export class BenchTargetError extends Error {
  override readonly name = 'BenchTargetError';
  readonly code = 'EBENCHTARGET';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
