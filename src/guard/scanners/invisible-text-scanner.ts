// Invisible text: format, private-use and Unicode tag characters (LLM Guard's InvisibleText scanner).
import { invisibleCharacterPattern } from '../normalize/index.js';
import { type Finding, resultOf, type Scanner } from '../types.js';

export function invisibleTextScanner(): Scanner {
  return (text) => {
    const findings: Finding[] = [];
    for (const match of text.matchAll(invisibleCharacterPattern)) {
      const start = match.index!;
      const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      findings.push({
        scanner: 'invisible-text',
        type: `U+${code}`,
        start,
        end: start + match[0].length,
        score: 1,
      });
    }
    return resultOf(findings, findings.length ? text.replace(invisibleCharacterPattern, '') : text);
  };
}
