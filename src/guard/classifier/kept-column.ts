// The next model's column of a shared 16-bit table (margin-tables.ts shareRows), copied out while the
// prompt tasks read their own columns of the same rows for the kept scan: toxicity, which reads the same
// features next, then finds its weights in first-seen order here instead of reading the table again at
// random (after the rest of the policy has pushed those rows out of cache). Raw k values: the same numbers.
export const keptColumn = {
  /** The kept scan (feature-scan.ts generation) these values are for; -1: none. */
  generation: -1,
  quantized: undefined as Int16Array | undefined,
  stride: 0,
  column: 0,
  count: 0,
  /** values[t]: quantized[touched[t] * stride + column] for the kept scan's t-th first-seen feature. */
  values: new Int16Array(0),
};
