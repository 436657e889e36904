// GET with SSRF protection: every hop (redirects included) is checked, and the check runs on the
// addresses the socket really connects to (a custom DNS lookup), so DNS rebinding cannot slip past.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { GantryError } from '../../errors/index.js';
import { blockedAddressReason } from './address-policy.js';

export interface SafeFetchOptions {
  /** Hosts (`name` or `name:port`) that may resolve to private addresses: tests, intranets. */
  allowHosts?: readonly string[];
  maximumBytes?: number;
  timeoutMs?: number;
  maximumRedirects?: number;
  signal?: AbortSignal;
  userAgent?: string;
}

export interface SafeFetchResponse {
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
  truncated: boolean;
}

export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<SafeFetchResponse> {
  const { maximumRedirects = 5, timeoutMs = 15_000, signal } = options;
  const deadline = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
  let current = parseUrl(url);
  for (let hop = 0; ; hop++) {
    const response = await requestOnce(current, options, combined, timeoutMs);
    if (response.redirect) {
      if (hop >= maximumRedirects) {
        throw new GantryError(
          'TOOL_FETCH_FAILED',
          `Too many redirects (more than ${maximumRedirects}) from ${url}.`,
          {
            hint: 'The site redirects in a loop; try the final address directly.',
            details: { url },
          },
        );
      }
      current = parseUrl(new URL(response.redirect, current).href);
      continue;
    }
    return response.result!;
  }
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new GantryError('TOOL_URL_BLOCKED', `'${text}' is not a valid URL.`, {
      hint: 'Give an absolute http:// or https:// URL.',
      details: { url: text },
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    blockedUrl(url, `the scheme ${url.protocol} is not allowed (http and https only)`);
  }
  if (url.username || url.password) blockedUrl(url, 'URLs with credentials are not allowed');
  return url;
}

function isAllowlisted(url: URL, allowHosts: readonly string[] = []): boolean {
  const host = canonicalHost(url.hostname.replace(/^\[|\]$/g, ''));
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowHosts.some((entry) => {
    const allowed = parseAllowEntry(entry);
    return allowed.host === host && (allowed.port === undefined || allowed.port === port);
  });
}

/** 'host', 'host:port', an IPv6 address in any spelling, or '[v6]:port'. */
function parseAllowEntry(entry: string): { host: string; port?: string } {
  const text = entry.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { host: canonicalHost(bracketed[1]), port: bracketed[2] };
  if (isIP(text) === 6) return { host: canonicalHost(text) };
  const colon = text.lastIndexOf(':');
  if (colon !== -1 && /^\d+$/.test(text.slice(colon + 1)))
    return { host: text.slice(0, colon), port: text.slice(colon + 1) };
  return { host: text };
}

/** IPv6 addresses in the URL parser's canonical spelling (so '0:0:0:0:0:0:0:1' matches '::1'). */
function canonicalHost(host: string): string {
  if (isIP(host) !== 6) return host.toLowerCase();
  try {
    return new URL(`http://[${host}]/`).hostname.slice(1, -1);
  } catch {
    return host.toLowerCase();
  }
}

function blockedUrl(url: URL, why: string): never {
  throw new GantryError('TOOL_URL_BLOCKED', `Refused to fetch ${url.href}: ${why}.`, {
    hint: 'Only public web addresses can be fetched. Add the host to agent.tools.webFetch.allowHosts for an intranet.',
    details: { url: url.href },
  });
}

interface Hop {
  redirect?: string;
  result?: SafeFetchResponse;
}

function requestOnce(
  url: URL,
  options: SafeFetchOptions,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Hop> {
  const { maximumBytes = 2 * 1024 * 1024, userAgent = 'gantry-web-fetch/0.1' } = options;
  const allowed = isAllowlisted(url, options.allowHosts);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(hostname) && !allowed) {
    const reason = blockedAddressReason(hostname);
    if (reason) blockedUrl(url, reason);
  }
  const lookup = (host: string, lookupOptions: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    dnsLookup(host, { all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const bad = allowed ? undefined : addresses.map((a) => blockedAddressReason(a.address)).find(Boolean);
      if (bad) {
        return callback(
          new GantryError('TOOL_URL_BLOCKED', `Refused to fetch ${url.href}: ${host} resolves to ${bad}.`, {
            hint: 'Only public web addresses can be fetched. Add the host to agent.tools.webFetch.allowHosts for an intranet.',
            details: { url: url.href, addresses: addresses.map((a) => a.address) },
          }),
        );
      }
      if (lookupOptions.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'GET',
        headers: { 'user-agent': userAgent, accept: 'text/html, text/plain, application/json, */*;q=0.5' },
        lookup: lookup as never,
        signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          resolve({ redirect: response.headers.location });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        response.on('data', (chunk: Buffer) => {
          if (truncated) return;
          size += chunk.length;
          if (size > maximumBytes) {
            chunks.push(chunk.subarray(0, chunk.length - (size - maximumBytes)));
            truncated = true;
            response.destroy();
            finish();
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', finish);
        response.on('error', (error) =>
          truncated ? undefined : reject(toFetchError(error, url, signal, timeoutMs)),
        );
        function finish() {
          resolve({
            result: {
              url: url.href,
              status,
              contentType: String(response.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks),
              truncated,
            },
          });
        }
      },
    );
    request.on('error', (error) => reject(toFetchError(error, url, signal, timeoutMs)));
    request.end();
  });
}

function toFetchError(error: unknown, url: URL, signal: AbortSignal, timeoutMs: number): unknown {
  if (GantryError.isInstance(error)) return error;
  if (signal.aborted && (signal.reason as Error)?.name === 'TimeoutError') {
    return new GantryError('TOOL_FETCH_TIMEOUT', `Fetching ${url.href} took longer than ${timeoutMs} ms.`, {
      hint: 'The site is slow or unreachable; try again later or another source.',
      details: { url: url.href, timeoutMs },
    });
  }
  return new GantryError('TOOL_FETCH_FAILED', `Fetching ${url.href} failed: ${(error as Error).message}.`, {
    hint: 'Check the address; the site may be down or refuse connections.',
    details: { url: url.href },
    cause: error,
  });
}
