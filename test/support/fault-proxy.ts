// Faults the emulators cannot produce, answered the way AWS answers them: a proxy in front of DynamoDB Local or fauxqs
// that refuses a share of the matching requests with AWS's own errors (throttling, a refusal), or lets a write land and
// loses its reply, so the SDK's retry logic and the handlers' partial-batch failures run exactly as they would in AWS.
import { once } from 'node:events';
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../fixtures/random.ts';

export interface Fault {
  /** Whether this request is one the fault may hit (its operation), from its headers and body. */
  hits(request: IncomingMessage, body: Buffer): boolean;
  /** Writes AWS's error answer. */
  answer(response: ServerResponse): void;
  /** Whether the request still reaches the service before the error is answered: the write lands, its reply is lost. */
  landsFirst?: boolean;
}

const dynamoOperation = (operations: readonly string[]) => (request: IncomingMessage) =>
  operations.some((operation) => request.headers['x-amz-target'] === `DynamoDB_20120810.${operation}`);

/** DynamoDB's throttling answer for the named operations (X-Amz-Target DynamoDB_20120810.<Operation>). */
export function dynamoThrottling(operations: readonly string[]): Fault {
  return {
    hits: dynamoOperation(operations),
    answer: (response) => {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'fault-proxy' });
      response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'The level of configured provisioned throughput for the table was exceeded.' }));
    },
  };
}

/**
 * A refusal the SDK does not retry, for the named DynamoDB operations: the call fails at once, as a bug or an
 * outage surfaces in a handler, and the stream batch reports the record that hit it.
 */
export function dynamoRefusal(operations: readonly string[]): Fault {
  return {
    hits: dynamoOperation(operations),
    answer: (response) => {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'fault-proxy' });
      response.end(JSON.stringify({ __type: 'com.amazon.coral.validate#ValidationException', message: 'Injected by the fault proxy' }));
    },
  };
}

/**
 * The named DynamoDB writes reach the table, then their reply is lost and a 500 answered instead, as when a connection
 * drops after DynamoDB has written. The SDK retries, and a conditional write then meets the item it wrote itself:
 * a genuine conditional-check failure that the code must read as its own earlier success, not as a conflict.
 */
export function dynamoLostReply(operations: readonly string[]): Fault {
  return {
    hits: dynamoOperation(operations),
    landsFirst: true,
    answer: (response) => {
      response.writeHead(500, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'fault-proxy' });
      response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Injected by the fault proxy after the write' }));
    },
  };
}

/** SNS's throttling answer (query protocol) for the named actions, e.g. Publish. */
export function snsThrottling(actions: readonly string[]): Fault {
  return {
    hits: (_request, body) => actions.some((action) => new URLSearchParams(body.toString('utf8')).get('Action') === action),
    answer: (response) => {
      response.writeHead(400, { 'content-type': 'text/xml', 'x-amzn-requestid': 'fault-proxy' });
      response.end(
        '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>',
      );
    },
  };
}

export async function startFaultProxy(target: string, fault: Fault, options: { rate: number; seed: number }) {
  const targetUrl = new URL(target);
  // Seeded, so that a failing run can be replayed with the same faults.
  const random = seededRandom(options.seed);
  let injected = 0;
  let passed = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const faulted = fault.hits(request, body) && random() < options.rate;
      if (faulted && !fault.landsFirst) {
        injected += 1;
        fault.answer(response);
        return;
      }
      const upstream = forward(
        { hostname: targetUrl.hostname, port: targetUrl.port, path: request.url, method: request.method, headers: { ...request.headers, host: targetUrl.host } },
        (reply) => {
          // Only a write that succeeded can have its reply lost; a refused one is answered as it was.
          if (faulted && (reply.statusCode ?? 500) < 300) {
            injected += 1;
            reply.resume();
            reply.on('end', () => fault.answer(response));
            return;
          }
          passed += 1;
          response.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(response);
        },
      );
      upstream.on('error', () => response.destroy());
      upstream.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts: () => ({ injected, passed }),
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}
