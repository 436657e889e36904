// The LSH tables' buckets as linked lists in typed arrays: one head per (table, bucket), directly
// addressed by the bucket's code, and one link per (entry, table). A probe costs one memory read
// where a Map of arrays cost several (hash slot, entry, array object, its elements), and 100k entries
// in 32 tables take about 45 MB instead of about 300 MB of Maps and small arrays.
export class BucketChains {
  readonly bucketBits: number;
  private readonly tables: number;
  private readonly heads: Int32Array;
  private links: Int32Array;

  constructor(tables: number, bucketBits: number, capacity: number) {
    this.tables = tables;
    this.bucketBits = bucketBits;
    this.heads = new Int32Array(tables << bucketBits).fill(-1);
    this.links = new Int32Array(capacity * tables);
  }

  /** The first entry of a bucket, or -1. */
  head(table: number, bucket: number): number {
    return this.heads[(table << this.bucketBits) | bucket];
  }

  /** The entry after `id` in its bucket of `table`, or -1. */
  after(id: number, table: number): number {
    return this.links[id * this.tables + table];
  }

  link(id: number, table: number, bucket: number): void {
    const at = (table << this.bucketBits) | bucket;
    this.links[id * this.tables + table] = this.heads[at];
    this.heads[at] = id;
  }

  unlink(id: number, table: number, bucket: number): void {
    const at = (table << this.bucketBits) | bucket;
    const following = this.links[id * this.tables + table];
    let current = this.heads[at];
    if (current === id) {
      this.heads[at] = following;
      return;
    }
    while (current !== -1) {
      const link = current * this.tables + table;
      if (this.links[link] === id) {
        this.links[link] = following;
        return;
      }
      current = this.links[link];
    }
  }

  /** Room for entries below `capacity`. */
  grow(capacity: number): void {
    const links = new Int32Array(capacity * this.tables);
    links.set(this.links);
    this.links = links;
  }
}
