// Benign answers naturally full of codes (hashes, UUIDs, base64 blobs, percent-encoded URLs, escapes, char
// codes, hex dumps, leetspeak user names, Morse, ciphers worked as examples): the false-alarm set of the leak
// detector's looser views. Generated from a seed, fixed before the detector was changed; no dataset text.
import { createHash } from 'node:crypto';
import { seededRandom } from '../../random/index.js';

const words =
  'the a service request returns value for each user token table file build release cache note we you can then this with from'.split(
    ' ',
  );
const usernames = [
  'h4x0r_42',
  'n00bmaster69',
  'l33t_c0d3r',
  'xX_sn1per_Xx',
  'd4rk_l0rd',
  'c0ff33_4dd1ct',
  'gr33n_t34',
  'm4tr1x_r3l04d3d',
  'sk8erb0i',
  'b4n4n4_spl1t',
];
const sentences = [
  'Hello world, this is a test.',
  'The quick brown fox jumps over the lazy dog.',
  'Meeting moved to Thursday at noon.',
  'Please find the report attached.',
  'café au lait, s’il vous plaît',
];

type Snippet = (random: () => number, seed: string) => string;

const hash = (seed: string, algorithm = 'sha256') => createHash(algorithm).update(seed).digest('hex');
const bytes = (seed: string, count: number) => {
  const out: number[] = [];
  for (let i = 0; out.length < count; i++) out.push(...createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.from(out.slice(0, count));
};
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];

const snippets: Snippet[] = [
  (_, s) => `The SHA-256 of the file is ${hash(s)}; compare it with \`sha256sum release.tar.gz\`.`,
  (_, s) => `Commit ${hash(s, 'sha1').slice(0, 7)} (${hash(s, 'sha1')}) fixed the regression.`,
  (_, s) => {
    const h = hash(s);
    return `Your request id is ${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}.`;
  },
  (r, s) =>
    `Here is the PNG as base64: iVBORw0KGgo${bytes(s, 60 + Math.floor(r() * 120)).toString('base64')}`,
  (r) => {
    const sentence = pick(sentences, r);
    return `Decoded, \`${Buffer.from(sentence).toString('base64')}\` reads "${sentence}" in plain text.`;
  },
  (r, s) =>
    `Open https://example.com/search?q=${encodeURIComponent(pick(sentences, r))}&session=${hash(s).slice(0, 16)} to see it.`,
  () => "In Python, `b'\\x48\\x65\\x6c\\x6c\\x6f'` is the bytes of Hello and `'\\u00e9'` is é.",
  () => 'Use `String.fromCharCode(72, 101, 108, 108, 111)` to build "Hello" from its char codes.',
  () => 'ANSI colours: `\\x1b[31m` red, `\\x1b[0m` reset; in JSON write `"\\u2014"` for an em dash.',
  () => 'Escape it as `&lt;div class=&quot;note&quot;&gt;` and `&#169; 2024 &#x2014; all rights`.',
  (r) => `Pick a handle like ${pick(usernames, r)} or ${pick(usernames, r)}; ours is ${pick(usernames, r)}.`,
  (_, s) =>
    `00000000: ${[...bytes(s, 16)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}  |................|`,
  () => 'The bytes 01001000 01101001 spell "Hi" in ASCII; 0b1010 is ten.',
  () => 'SOS in Morse is ... --- ... and "hi" is .... ..',
  () => 'With a shift of 3, "hello" becomes "khoor"; rot13 of "uryyb" is hello.',
  (_, s) =>
    `MAC ${[...bytes(s, 6)].map((b) => b.toString(16).padStart(2, '0')).join(':')}, IPv6 fe80::${hash(s).slice(0, 4)}:${hash(s).slice(4, 8)}.`,
  (_, s) =>
    `Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.${bytes(s, 48).toString('base64url')}.${bytes(`${s}x`, 32).toString('base64url')}`,
  (_, s) =>
    `const key = [${[...bytes(s, 12)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')}];`,
  (_, s) => `The checksum bytes are ${[...bytes(s, 10)].join(', ')} (decimal).`,
  (_, s) =>
    `Secret for the test fixture: TOTP base32 ${bytes(s, 10)
      .toString('hex')
      .toUpperCase()
      .replace(/[0189]/g, 'A')}.`,
  () => '```js\nconst re = /^[a-z0-9_-]{3,16}$/;\nif (!re.test(name)) throw new Error("bad name");\n```',
  () => '| id | code |\n| --- | --- |\n| 1 | A-7F |\n| 2 | B-3Q |\n| 3 | C-9X |',
  (r) => {
    const count = 8 + Math.floor(r() * 6);
    return Array.from({ length: count }, (_, i) => `${i + 1}. ${pick(words, r)}`).join('\n');
  },
];

/** `count` benign code-heavy answers: prose around three to six snippets, reproducible from `seed`. */
export function codeHeavyAnswers(count = 300, seed = 1406): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const parts: string[] = [];
    const pieces = 3 + Math.floor(random() * 4);
    for (let p = 0; p < pieces; p++) {
      const prose = Array.from({ length: 4 + Math.floor(random() * 8) }, () => pick(words, random)).join(' ');
      parts.push(
        `${prose[0].toUpperCase()}${prose.slice(1)}.`,
        pick(snippets, random)(random, `${seed}:${i}:${p}`),
      );
    }
    return parts.join(' ');
  });
}
