// The slots filed under each IVF list: one growable Int32Array per list and its used length. A slot
// moves lists only by being taken out and filed again; removal swaps the list's last member into the
// hole (order within a list carries no meaning).

export class IvfMembers {
  private readonly members: Int32Array[];
  private readonly counts: Int32Array;

  private constructor(members: Int32Array[], counts: Int32Array) {
    this.members = members;
    this.counts = counts;
  }

  /** `lists` empty lists. */
  static empty(lists: number): IvfMembers {
    return new IvfMembers(
      Array.from({ length: lists }, () => new Int32Array(16)),
      new Int32Array(lists),
    );
  }

  /** The lists of `count` slots whose list numbers `listOf(slot)` gives (sized once, no growth). */
  static fromAssignments(lists: number, count: number, listOf: (slot: number) => number): IvfMembers {
    const sizes = new Int32Array(lists);
    for (let slot = 0; slot < count; slot++) sizes[listOf(slot)]++;
    const members = Array.from(sizes, (size) => new Int32Array(Math.max(16, size + (size >>> 3))));
    const filed = new IvfMembers(members, new Int32Array(lists));
    for (let slot = 0; slot < count; slot++) {
      const list = listOf(slot);
      members[list][filed.counts[list]++] = slot;
    }
    return filed;
  }

  /** How many slots `list` holds. */
  size(list: number): number {
    return this.counts[list];
  }

  /** The slots of `list` (a view: valid until the list next changes). */
  slots(list: number): Int32Array {
    return this.members[list].subarray(0, this.counts[list]);
  }

  /** Every slot, list by list. */
  inListOrder(total: number): Int32Array {
    const order = new Int32Array(total);
    let at = 0;
    for (let list = 0; list < this.members.length; list++) {
      order.set(this.slots(list), at);
      at += this.counts[list];
    }
    return order;
  }

  /** Files `slot` under `list`. */
  add(list: number, slot: number): void {
    const size = this.counts[list];
    if (size === this.members[list].length) {
      const grown = new Int32Array(size * 2);
      grown.set(this.members[list]);
      this.members[list] = grown;
    }
    this.members[list][size] = slot;
    this.counts[list] = size + 1;
  }

  /** Replaces `slot` in `list` by `replacement`, or (-1) takes it out. */
  replace(list: number, slot: number, replacement: number): void {
    const members = this.members[list];
    const size = this.counts[list];
    for (let index = 0; index < size; index++) {
      if (members[index] !== slot) continue;
      if (replacement >= 0) members[index] = replacement;
      else {
        members[index] = members[size - 1];
        this.counts[list] = size - 1;
      }
      return;
    }
  }
}
