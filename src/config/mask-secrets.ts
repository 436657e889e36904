// Masks secret values before configuration is printed or logged.

const secretKey = /(key|secret|token|password|authorization)$/i;

export function maskSecrets(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  if (typeof value === 'string' && secretKey.test(key) && !/env$/i.test(key)) return maskString(value);
  // A database URL's password (postgres://user:password@host/db).
  if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/@:]*:[^/@]+@/i.test(value)) {
    return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)[^/@]+@/i, '$1****@');
  }
  return value;
}

function maskString(secret: string): string {
  if (secret.length <= 8) return '****';
  return `${secret.slice(0, 3)}****${secret.slice(-2)}`;
}
