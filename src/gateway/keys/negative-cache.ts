// A bounded set of secrets known not to be keys, remembered as SHA-256 hashes (never the secret),
// oldest first out. Repeated bad keys cost no database lookup; a flood of random ones costs at most
// `capacity` small entries.
export class NegativeCache {
  readonly #entries = new Map<string, number>();

  constructor(
    readonly capacity: number,
    readonly ttlMs: number,
  ) {}

  has(hash: string, now: number): boolean {
    const at = this.#entries.get(hash);
    if (at === undefined) return false;
    if (now - at < this.ttlMs) return true;
    this.#entries.delete(hash);
    return false;
  }

  add(hash: string, now: number): void {
    if (this.capacity === 0) return;
    this.#entries.delete(hash);
    this.#entries.set(hash, now);
    while (this.#entries.size > this.capacity) {
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
  }

  delete(hash: string): void {
    this.#entries.delete(hash);
  }

  get size(): number {
    return this.#entries.size;
  }
}
