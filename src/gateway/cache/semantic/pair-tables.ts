// Which two hash groups make each LSH table: the fewest groups whose pairs number at least
// `tables`, pairs in order (0,1), (0,2), (1,2), (0,3), ... so that the first `tables` pairs use
// every group about equally.
export interface PairTables {
  groups: number;
  first: Uint8Array;
  second: Uint8Array;
}

export function pairTables(tables: number): PairTables {
  const wanted = Math.max(1, Math.floor(tables));
  let groups = 2;
  while ((groups * (groups - 1)) / 2 < wanted) groups++;
  const first = new Uint8Array(wanted);
  const second = new Uint8Array(wanted);
  let table = 0;
  for (let high = 1; high < groups && table < wanted; high++)
    for (let low = 0; low < high && table < wanted; low++, table++) {
      first[table] = low;
      second[table] = high;
    }
  return { groups, first, second };
}
