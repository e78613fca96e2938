// The canonical JSON that certificates are signed over: RFC 8785 (JSON Canonicalization Scheme) for the values they hold.
//
// Rules: objects have their members sorted by key, comparing UTF-16 code units (JavaScript's default sort); members
// whose value is undefined are left out, as JSON.stringify leaves them out; arrays keep their order; strings, numbers,
// true, false and null are written as ECMAScript's JSON.stringify writes them (shortest round-trip numbers, minimal
// escapes), which is what RFC 8785 prescribes; no whitespace anywhere. The result is encoded as UTF-8. Numbers that
// JSON cannot hold (NaN, Infinity) and any other type are refused rather than silently changed.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${members.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  throw new TypeError(`a ${typeof value} has no JSON form`);
}

/** The bytes a certificate's signature covers: the canonical JSON of everything but the signature. */
export function signedBytes(certificate: Record<string, unknown>): Uint8Array {
  const { signature: _signature, ...signed } = certificate;
  return new TextEncoder().encode(canonicalJson(signed));
}
