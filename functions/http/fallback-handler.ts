// API Gateway's $default route: GET / points to the console and the API's description; any other path no route
// declares gets 404, a declared path with another method 405.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Signpost } from '../../schemas/signpost.ts';
import { config } from '../config.ts';
import { errorResponse, json } from './api-handler.ts';
import { MethodNotAllowed, NotFound } from './errors.ts';
import { findRoute } from './routes.ts';

const { apiUrl, consoleUrl } = config();
if (!apiUrl || !consoleUrl) throw new Error('API_URL and CONSOLE_URL are not set: GET / points to the console and the API description');
const signpost = Signpost.parse({
  message: 'This is the API of the registry of stolen cultural objects. People use the console; programs read the OpenAPI document.',
  console: `${consoleUrl}/`,
  openapi: `${apiUrl}/v1/openapi.json`,
});

export const handler = async (event: APIGatewayProxyEventV2) => {
  const { method, path } = event.requestContext.http;
  // A browser asking for / gets the console itself (from CloudFront in AWS, from the local runtime's files here).
  // The raw path: "/v1/%2e%2e" is no request for the signpost, though a URL parser resolves it to "/".
  if (method === 'GET' && event.rawPath === '/') return json(200, signpost);
  const match = findRoute(method, path);
  const error = match.kind === 'wrong-method' ? new MethodNotAllowed(match.allowed) : new NotFound(`No route ${method} ${path}`);
  return errorResponse(error, event.requestContext.requestId);
};
