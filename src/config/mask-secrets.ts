// Masks secret values before configuration is printed or logged: fields named like secrets, every
// value of `headers` and `env` records (Cookie, X-Auth, MCP server variables), and the credentials
// inside URLs (user:password@, ?access_token=...). Masked values show none of their characters.

const secretKey =
  /(key|secret|token|password|passwd|authorization|cookie|auth|credentials?|signature|sig|session)$/i;
/** Records whose every value is treated as secret. */
const secretRecords = new Set(['headers', 'env']);
const secretParameter =
  /^(access_?token|token|api_?key|key|secret|password|passwd|auth|authorization|sig|signature|session|code|x-amz-signature|x-goog-signature)$/i;
const masked = '****';

/** True for a field name that holds a secret (and not the name of a variable holding it). */
export function isSecretKey(key: string): boolean {
  return secretKey.test(key) && !/env$/i.test(key);
}

export function maskSecrets(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item));
  if (typeof value === 'object' && value !== null) {
    const all = secretRecords.has(key);
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, all && typeof v === 'string' ? masked : maskSecrets(v, k)]),
    );
  }
  if (typeof value === 'string') {
    if (isSecretKey(key)) return masked;
    return maskUrl(value);
  }
  return value;
}

/** A URL with its user info and secret-looking query parameters masked; other text unchanged. */
function maskUrl(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  let changed = false;
  if (url.username || url.password) {
    url.username = url.username ? masked : '';
    url.password = url.password ? masked : '';
    changed = true;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (secretParameter.test(name)) {
      url.searchParams.set(name, masked);
      changed = true;
    }
  }
  return changed ? url.toString() : text;
}
