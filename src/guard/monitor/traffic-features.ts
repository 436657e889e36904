// What the monitor records about each scanned text: no content, only its shape and the guard's verdicts.
import type { PolicyDecision } from '../policy/index.js';
import { injectionScore, toxicityScore } from '../scanners/index.js';

const stopwords: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'of', 'to', 'you', 'what', 'how', 'in', 'for', 'with', 'this', 'that'],
  de: ['der', 'die', 'und', 'ist', 'das', 'nicht', 'ich', 'wie', 'mit', 'sie', 'ein', 'für', 'was'],
  fr: ['le', 'la', 'et', 'est', 'les', 'des', 'une', 'pour', 'que', 'vous', 'pas', 'dans', 'qui'],
  es: ['el', 'la', 'que', 'de', 'los', 'las', 'por', 'una', 'para', 'con', 'es', 'cómo', 'qué'],
  it: ['il', 'che', 'di', 'non', 'per', 'una', 'sono', 'della', 'come', 'gli', 'con', 'è'],
  pt: ['não', 'que', 'uma', 'para', 'com', 'os', 'como', 'mais', 'você', 'por', 'em', 'é'],
  nl: ['de', 'het', 'een', 'en', 'van', 'niet', 'dat', 'ik', 'je', 'voor', 'met', 'zijn'],
};

/** A small stop-word and script vote: enough to notice a shift in traffic languages, not a full detector. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, 2000);
  if (/[\u4e00-\u9fff]/.test(sample)) return 'zh';
  if (/[\u3040-\u30ff]/.test(sample)) return 'ja';
  if (/[\uac00-\ud7af]/.test(sample)) return 'ko';
  if (/[\u0400-\u04ff]/.test(sample)) return 'ru';
  if (/[\u0600-\u06ff]/.test(sample)) return 'ar';
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best = 'unknown';
  let bestHits = 0;
  for (const [language, list] of Object.entries(stopwords)) {
    const set = new Set(list);
    const hits = words.filter((w) => set.has(w)).length;
    if (hits > bestHits) {
      best = language;
      bestHits = hits;
    }
  }
  return best;
}

const refusalPattern =
  /\b(?:I(?:'m| am) (?:sorry|unable|not able)|I can(?:no|')t (?:help|assist|provide|do that|comply)|as an AI(?: language model)?|I (?:must|have to) (?:decline|refuse)|I won't be able to)\b/i;

export function isRefusal(text: string): boolean {
  return refusalPattern.test(text.slice(0, 600));
}

export interface TrafficFeatures {
  length: number;
  language: string;
  refusal: boolean;
  piiCount: number;
  injectionScore: number;
  toxicityScore: number;
}

/** Scores are always computed (sub-millisecond) so that drift tests see whole distributions, not just hits. */
export function trafficFeatures(text: string, decision?: PolicyDecision): TrafficFeatures {
  return {
    length: text.length,
    language: detectLanguage(text),
    refusal: isRefusal(text),
    piiCount: decision?.findings.filter((f) => f.scanner === 'pii').length ?? 0,
    injectionScore: injectionScore(text),
    toxicityScore: toxicityScore(text),
  };
}
