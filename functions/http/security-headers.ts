// What every HTTP response tells a browser, and which browser origins may call the API: declared once for the
// Lambda responses, the local runtime and the CDK stack.

// Records of stolen objects must not linger in shared caches or be framed or sniffed by a browser.
export const securityHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
} as const;

/** CORS for the console: what a preflight allows and what a script may read from a response. */
export const cors = {
  allowHeaders: ['authorization', 'content-type', 'if-match'],
  exposeHeaders: ['etag', 'location'],
  maxAgeSeconds: 3600,
} as const;
