// The analyzer's raw token → term cache for ASCII text, looked up by the characters' position in the
// lowercased text: the scanner hashes a token's characters as it reads them, and a hit compares them
// in place, so a cached token costs no substring, no string hash and no Map probe (what `slice` and a
// Map<string, string> cost for every token: most of an ingest's analysis time). Open addressing over
// a power-of-two table; entries are never removed, and past `limit` entries misses are not kept.

export class TokenTable {
  private keys: string[] = [];
  private values: string[] = [];
  private hashes = new Int32Array(1024);
  // Entry index + 1 per table cell (0: empty); kept at most half full.
  private cells = new Int32Array(2048);
  private mask = 2047;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.keys.length;
  }

  /** The term kept for `text[start, end)` (whose `tokenHash` is `hash`), or undefined. */
  find(text: string, start: number, end: number, hash: number): string | undefined {
    const length = end - start;
    const keys = this.keys;
    let cell = hash & this.mask;
    for (;;) {
      const entry = this.cells[cell] - 1;
      if (entry < 0) return undefined;
      if (this.hashes[entry] === hash) {
        const key = keys[entry];
        if (key.length === length && sameCharacters(key, text, start, length)) return this.values[entry];
      }
      cell = (cell + 1) & this.mask;
    }
  }

  /** Keeps `raw` (a token not in the table, hashed to `hash`) → `term`, unless the table is full. */
  keep(raw: string, hash: number, term: string): void {
    if (this.keys.length >= this.limit) return;
    const entry = this.keys.length;
    this.keys.push(raw);
    this.values.push(term);
    if (entry === this.hashes.length) {
      const hashes = new Int32Array(entry * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[entry] = hash;
    if (2 * (entry + 1) > this.cells.length) this.rehash(this.cells.length * 2);
    else this.place(entry);
  }

  private place(entry: number): void {
    let cell = this.hashes[entry] & this.mask;
    while (this.cells[cell] !== 0) cell = (cell + 1) & this.mask;
    this.cells[cell] = entry + 1;
  }

  private rehash(size: number): void {
    this.cells = new Int32Array(size);
    this.mask = size - 1;
    for (let entry = 0; entry < this.keys.length; entry++) this.place(entry);
  }
}

/** FNV-1a step: the hash of a token so far, extended by one character code. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 16777619);
}

/** The FNV-1a offset basis: the hash of an empty token. */
export const hashStart = -2128831035;

function sameCharacters(key: string, text: string, start: number, length: number): boolean {
  for (let index = 0; index < length; index++)
    if (key.charCodeAt(index) !== text.charCodeAt(start + index)) return false;
  return true;
}
