// Characters that render as nothing but change what a model reads: format characters (Cf: zero-width
// space/joiner, bidi controls, word joiner, soft hyphen), Unicode tag characters (used to smuggle
// ASCII invisibly) and private-use code points (Co). Variation selectors are kept out of the list on
// purpose: emoji use them.
export const invisibleCharacterPattern = /[\p{Cf}\p{Co}\u{E0000}-\u{E007F}]/gu;

const tagBase = 0xe0000;

/** Removes invisible characters; Unicode tag characters are turned back into the ASCII they hide. */
export function stripInvisible(text: string): { text: string; removed: number; taggedAscii: string } {
  let removed = 0;
  let taggedAscii = '';
  const stripped = text.replace(invisibleCharacterPattern, (char) => {
    removed++;
    const code = char.codePointAt(0)!;
    if (code > tagBase && code < tagBase + 0x7f) taggedAscii += String.fromCharCode(code - tagBase);
    return '';
  });
  return { text: stripped, removed, taggedAscii };
}
