// A reversible redaction: values are swapped for placeholders before the model sees them and put back
// in the model's answer (LLM Guard's Vault + Deanonymize). One vault per conversation.
import type { Finding } from '../types.js';

export interface Vault {
  /** The placeholder for a finding's value; the same value always gets the same placeholder. */
  placeholderFor(finding: Finding): string;
  /** Puts the original values back wherever a placeholder appears. */
  restore(text: string): string;
  /** Restores placeholders in a stream of deltas; a placeholder split across deltas is held back. */
  createRestoreStream(): { push(delta: string): string; end(): string };
  readonly size: number;
}

export function createVault(): Vault {
  const byValue = new Map<string, string>();
  const byPlaceholder = new Map<string, string>();
  const counters = new Map<string, number>();
  const placeholderPattern = /\[[A-Z_]+_\d+\]/g;
  const restore = (text: string) => text.replace(placeholderPattern, (p) => byPlaceholder.get(p) ?? p);
  return {
    placeholderFor(finding) {
      const key = finding.type + '\u0000' + (finding.value ?? '');
      const known = byValue.get(key);
      if (known) return known;
      const n = (counters.get(finding.type) ?? 0) + 1;
      counters.set(finding.type, n);
      const placeholder = `[${finding.type}_${n}]`;
      byValue.set(key, placeholder);
      byPlaceholder.set(placeholder, finding.value ?? '');
      return placeholder;
    },
    restore,
    createRestoreStream() {
      let pending = '';
      return {
        push(delta) {
          pending += delta;
          // Hold back from the last '[' that may still become a placeholder.
          const open = pending.lastIndexOf('[');
          const cut =
            open >= 0 && !pending.slice(open).includes(']') && pending.length - open < 40
              ? open
              : pending.length;
          const ready = pending.slice(0, cut);
          pending = pending.slice(cut);
          return restore(ready);
        },
        end() {
          const rest = restore(pending);
          pending = '';
          return rest;
        },
      };
    },
    get size() {
      return byPlaceholder.size;
    },
  };
}
