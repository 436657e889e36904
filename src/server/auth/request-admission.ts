// Checks made on every request before routing: the Host header must name this server (a DNS-rebinding
// page gets its own domain name there) and a browser's Origin must be the server's own or allowed
// (a cross-site page can still send simple requests; the strict JSON media type refuses their bodies).
import type { IncomingMessage } from 'node:http';
import type { GantryConfig } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';
import { isLoopbackHost } from './exposure.js';

export type Admission = (req: IncomingMessage) => GantryError | undefined;

export function createAdmission(config: GantryConfig): Admission {
  const allowedHosts = new Set(config.security.allowedHosts.map((host) => host.toLowerCase()));
  const allowedOrigins = new Set(config.security.allowedOrigins.map((origin) => origin.toLowerCase()));
  // Beyond loopback with no list, any Host passes (keys are required there); a list makes it strict.
  const checkHosts = allowedHosts.size > 0 || isLoopbackHost(config.server.host);
  // The last Host header that passed: the check depends on nothing else, and clients send the same
  // one request after request (no lower-casing, slicing or regex per request).
  let admittedHost: string | undefined;
  return (req) => {
    const host = req.headers.host;
    if (checkHosts && host !== undefined && host !== admittedHost) {
      const name = hostName(host);
      if (
        !isIpLiteral(name) &&
        name !== 'localhost' &&
        !allowedHosts.has(name) &&
        !allowedHosts.has(host.toLowerCase())
      ) {
        return new GantryError(
          'REQUEST_HOST_FORBIDDEN',
          `This server does not serve the host '${name.slice(0, 100)}'.`,
          {
            hint: 'Call it by IP address or localhost, or add the name to security.allowedHosts.',
          },
        );
      }
      admittedHost = host;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase()) && !sameOrigin(origin, host)) {
      return new GantryError(
        'REQUEST_ORIGIN_FORBIDDEN',
        `Requests from the origin '${origin.slice(0, 100)}' are not accepted.`,
        {
          hint: 'Add the origin to security.allowedOrigins to let that web page call this server.',
        },
      );
    }
    return undefined;
  };
}

function hostName(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

function isIpLiteral(name: string): boolean {
  return name.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(name);
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}
