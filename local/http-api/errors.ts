import { CodedError } from '../../common/errors';

/** A route key that API Gateway would refuse, e.g. `GET hello` or a greedy variable that is not last. */
export class RouteKeyError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('EROUTEKEY', message, options);
  }
}
