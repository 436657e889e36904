// Which IP addresses a fetch may connect to: public unicast only, unless the host is allowlisted.
// URL parsing already turns odd IPv4 spellings (2130706433, 0x7f000001, 0177.0.0.1, 127.1) into
// dotted form; IPv4-mapped and NAT64 IPv6 addresses are checked as the IPv4 address they carry.
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated, RFC 7526)
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['fd00:ec2::254', 128], // AWS metadata over IPv6
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215): translates to any IPv4, private ones included
  ['2002::', 16], // 6to4: carries an IPv4 address (2002:a9fe:a9fe:: is 169.254.169.254)
  ['2001::', 32], // Teredo: tunnels to an (obfuscated) IPv4 address
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** Why `address` must not be reached, or undefined when it is a public unicast address. */
export function blockedAddressReason(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return `'${address}' is not an IP address`;
  if (family === 4)
    return blocked.check(bare, 'ipv4') ? `${bare} is a private, loopback or reserved address` : undefined;
  const embedded = embeddedIpv4(bare);
  if (embedded) return blockedAddressReason(embedded);
  return blocked.check(bare, 'ipv6') ? `${bare} is a loopback, local or reserved IPv6 address` : undefined;
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), compatible (::a.b.c.d) or NAT64 (64:ff9b::) address. */
function embeddedIpv4(address: string): string | undefined {
  const groups = expandIpv6(address);
  if (!groups) return undefined;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0);
  // IPv4-translated (SIIT, ::ffff:0:a.b.c.d, ::ffff:0:0/96).
  const translated = groups.slice(0, 4).every((g) => g === 0) && groups[4] === 0xffff && groups[5] === 0;
  if (translated) return `${groups[6] >> 8}.${groups[6] & 0xff}.${groups[7] >> 8}.${groups[7] & 0xff}`;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (!mapped && !nat64) return undefined;
  if (groups[5] === 0 && !nat64 && groups[6] === 0) return undefined; // ::, ::1: plain IPv6
  return `${groups[6] >> 8}.${groups[6] & 0xff}.${groups[7] >> 8}.${groups[7] & 0xff}`;
}

function expandIpv6(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined && left.length !== 8) return undefined;
  const groups = [...left, ...Array(Math.max(0, missing)).fill('0'), ...right].map((g) =>
    Number.parseInt(g, 16),
  );
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : undefined;
}
