// API Gateway's $default route: a path no route declares gets 404, a declared path with another method 405.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { errorResponse } from './api-handler.ts';
import { MethodNotAllowed, NotFound } from './errors.ts';
import { findRoute } from './routes.ts';

export const handler = async (event: APIGatewayProxyEventV2) => {
  const { method, path } = event.requestContext.http;
  const match = findRoute(method, path);
  const error = match.kind === 'wrong-method' ? new MethodNotAllowed(match.allowed) : new NotFound(`No route ${method} ${path}`);
  return errorResponse(error, event.requestContext.requestId);
};
