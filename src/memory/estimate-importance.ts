// How much a turn is worth remembering, without a model: first-person statements, numbers, dates,
// names and length score higher than acknowledgements ("ok, thanks!").

const selfReference = /\b(i|i'm|i've|i'd|my|mine|me|we|our)\b/i;
const preference = /\b(love|like|hate|prefer|favou?rite|allergic|always|never|want|plan|goal)\b/i;
const number = /\d/;
const properName = /(?:^|[^.!?]\s)[A-Z][a-z]+/;

export function estimateImportance(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  let score = Math.min(words, 30) / 60;
  if (selfReference.test(text)) score += 0.15;
  if (preference.test(text)) score += 0.15;
  if (number.test(text)) score += 0.1;
  if (properName.test(text)) score += 0.1;
  return Math.min(1, Math.round(score * 1000) / 1000);
}
