// The refusal of a request over its role's limit: 429 with Retry-After, like API Gateway's own throttling.
import { DomainError } from './errors.ts';

export class TooManyRequests extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(429, 'too-many-requests', `${message}; try again in ${seconds} second${seconds === 1 ? '' : 's'}`, undefined, { 'retry-after': String(seconds) });
    this.retryAfterSeconds = seconds;
  }
}
