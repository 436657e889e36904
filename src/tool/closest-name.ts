// Finds the tool a model probably meant when it names one that does not exist.

/** The closest of `names` to `wanted`: same letters ignoring case and separators, else edit distance ≤ 2. */
export function closestName(wanted: string, names: readonly string[]): string | undefined {
  const normal = normalise(wanted);
  const sameLetters = names.find((name) => normalise(name) === normal);
  if (sameLetters) return sameLetters;
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(normal, normalise(name));
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '');
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
