// The secret a request presents: `Authorization: Bearer <secret>` (the scheme is case-insensitive,
// RFC 9110 §11.1) or `x-api-key: <secret>`.
import type { IncomingHttpHeaders } from 'node:http';

export function readCredential(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
    const secret = authorization.slice(7).trim();
    if (secret) return secret;
  }
  const apiKey = headers['x-api-key'];
  const value = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  return value || undefined;
}
