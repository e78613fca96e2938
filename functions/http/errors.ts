// Typed domain errors; the HTTP layer maps them to status codes in one place (http/api-handler.ts).
export interface FieldError {
  path: string;
  reason: string;
}

export class DomainError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly fields: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(statusCode: number, code: string, message: string, fields?: FieldError[], headers: Record<string, string> = {}) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.fields = fields;
    this.headers = headers;
  }
}

export class Invalid extends DomainError {
  constructor(message: string, fields?: FieldError[]) {
    super(400, 'invalid', message, fields);
  }
}

export class Unauthorized extends DomainError {
  constructor(message = 'A valid bearer token is required') {
    super(401, 'unauthorized', message, undefined, { 'www-authenticate': 'Bearer' });
  }
}

export class Forbidden extends DomainError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

export class NotFound extends DomainError {
  constructor(message: string) {
    super(404, 'not-found', message);
  }
}

export class MethodNotAllowed extends DomainError {
  constructor(allowed: string[]) {
    super(405, 'method-not-allowed', `This path accepts ${allowed.join(', ')}`, undefined, { allow: allowed.join(', ') });
  }
}

export class Conflict extends DomainError {
  constructor(message: string, fields?: FieldError[]) {
    super(409, 'conflict', message, fields);
  }
}

/** Well-formed but refused as it stands, such as an Idempotency-Key sent again with another body. */
export class Unprocessable extends DomainError {
  constructor(message: string, fields?: FieldError[]) {
    super(422, 'unprocessable', message, fields);
  }
}

export class PayloadTooLarge extends DomainError {
  constructor(limit: number) {
    super(413, 'payload-too-large', `The request body is larger than this route accepts (${limit} bytes)`);
  }
}

export class PreconditionRequired extends DomainError {
  constructor(message: string) {
    super(428, 'precondition-required', message, [{ path: 'If-Match', reason: 'is required' }]);
  }
}

/** How long a caller is asked to wait when the registry is busy. */
export const busyRetryAfterSeconds = 5;

/**
 * Work queued behind other work (a busy machine, writers of the same items at once) that did not finish in time:
 * neither a bug nor the caller's mistake, so 503 with Retry-After ("send it again"), never an opaque 500.
 */
export class Busy extends DomainError {
  constructor(what = 'The registry is busy') {
    super(503, 'busy', `${what}; try again in ${busyRetryAfterSeconds} seconds`, undefined, { 'retry-after': String(busyRetryAfterSeconds) });
  }
}
