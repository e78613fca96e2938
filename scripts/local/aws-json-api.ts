// What the local stand-ins for AWS's JSON APIs (Lambda, Scheduler) answer with: the service's status, error type and
// request id headers, so that the SDK clients of the functions raise the same errors they raise in AWS.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** A refusal the service itself would make, with its HTTP status and error type (e.g. ResourceNotFoundException). */
export class AwsApiError extends Error {
  readonly statusCode: number;
  readonly type: string;
  constructor(statusCode: number, type: string, message: string) {
    super(message);
    this.statusCode = statusCode;
    this.type = type;
  }
}

export function replyJson(response: ServerResponse, statusCode: number, body: unknown, errorType?: string): void {
  response.writeHead(statusCode, {
    'content-type': 'application/json',
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(JSON.stringify(body));
}
