// The secret a request presents: `Authorization: Bearer <secret>` (the scheme is case-insensitive,
// RFC 9110 §11.1) or `x-api-key: <secret>`.
import type { IncomingHttpHeaders } from 'node:http';

// The last Authorization header that carried a bearer secret, and that secret: clients send the same
// header request after request, and the answer depends on nothing else, so a repeat costs one string
// comparison instead of two slices, a lower-casing and a trim. The same secret string each time also
// keeps its hash, so the key cache's Map lookup does not hash it again.
let lastAuthorization: string | undefined;
let lastSecret: string | undefined;

export function readCredential(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined && authorization === lastAuthorization) return lastSecret;
  if (authorization && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
    const secret = authorization.slice(7).trim();
    if (secret) {
      lastAuthorization = authorization;
      lastSecret = secret;
      return secret;
    }
  }
  const apiKey = headers['x-api-key'];
  const value = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  return value || undefined;
}
