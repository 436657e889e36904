// The web_fetch address policy for every request a browser page makes (documents, scripts, images,
// XHR, redirects): http(s) to public addresses only, unless the host is allowlisted. Names are
// resolved and every address checked; an internal page cannot be reached through a link, a form, a
// redirect or a script.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { blockedAddressReason } from '../address-policy.js';

/** Why the page may not request `url`, or undefined when it may. */
export async function blockedRequestReason(
  url: string,
  allowHosts: readonly string[],
): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `'${url}' is not a URL`;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || url === 'about:blank') return undefined;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `the ${parsed.protocol} scheme is not allowed`;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (allowHosts.includes(host) || allowHosts.includes(parsed.host)) return undefined;
  if (isIP(host)) return blockedAddressReason(host);
  try {
    const addresses = await lookup(host, { all: true });
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason) return `${host} resolves to ${reason}`;
    }
    return addresses.length === 0 ? `${host} does not resolve` : undefined;
  } catch (error) {
    return `${host} could not be resolved (${(error as Error).message})`;
  }
}
