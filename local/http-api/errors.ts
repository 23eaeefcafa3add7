/** The options given to {@link startHttpApi} failed validation; the message names option, value and what is allowed. */
export class HttpApiOptionsError extends Error {
  override readonly name = 'HttpApiOptionsError';
  readonly code = 'EHTTPAPIOPTIONS';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A route key that API Gateway would refuse, e.g. `GET hello` or a greedy variable that is not last. */
export class RouteKeyError extends Error {
  override readonly name = 'RouteKeyError';
  readonly code = 'EROUTEKEY';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
