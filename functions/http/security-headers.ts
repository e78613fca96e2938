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
  allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
  exposeHeaders: ['etag', 'location'],
  maxAgeSeconds: 3600,
} as const;

/**
 * What the console's own files are served with (CloudFront in AWS, the local runtime): scripts and styles from its
 * origin only; it calls the API and posts photos to the bucket at `connectOrigins`, and shows photos from there.
 */
export function consoleSecurityHeaders(connectOrigins: string[]): Record<string, string> {
  const remote = connectOrigins.join(' ');
  return {
    ...securityHeaders,
    'content-security-policy': [
      "default-src 'self'",
      `connect-src 'self' ${remote}`.trim(),
      `img-src 'self' blob: data: ${remote}`.trim(),
      "style-src 'self'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ].join('; '),
  };
}
