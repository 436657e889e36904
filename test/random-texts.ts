// Seeded random texts over an alphabet (a linear congruential generator): the same texts on every run,
// for the identity tests that compare a fast path with its reference on text no dataset holds.
export function randomTexts(
  count: number,
  seed: number,
  alphabet: readonly string[],
  maxLength = 400,
): string[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, () => {
    let text = '';
    const length = Math.floor(next() * maxLength);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
    return text;
  });
}
