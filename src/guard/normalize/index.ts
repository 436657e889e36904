export { type DecodedPayload, decodePayloads, isBase64Char, rot13 } from './decode-payloads.js';
export { foldHomoglyphs, hasMixedScriptWord } from './homoglyphs.js';
export { invisibleCharacterPattern, stripInvisible } from './invisible-characters.js';
export { clearNormalizeCache, type NormalizedText, normalizeText, textViews } from './normalize-text.js';
export { execWhereStems, leadingStems, mayMatch, testWhereStems } from './word-prefilter.js';
