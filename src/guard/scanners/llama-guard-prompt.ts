// Llama Guard 3's hazard taxonomy (MLCommons AI Safety categories S1–S14) and its classification prompt,
// so that any chat model behind an OpenAI-compatible endpoint can act as the safety classifier: the
// prompt lists the categories, shows the conversation, and asks for "safe" or "unsafe" plus the
// violated categories on a second line. A Llama Guard model served with its own chat template gets the
// text alone (`prompt: 'server-template'`).
import type { Direction } from '../types.js';

export const hazardCategories: Record<string, { name: string; type: string }> = {
  S1: { name: 'Violent Crimes', type: 'violent-crimes' },
  S2: { name: 'Non-Violent Crimes', type: 'non-violent-crimes' },
  S3: { name: 'Sex-Related Crimes', type: 'sex-crimes' },
  S4: { name: 'Child Sexual Exploitation', type: 'child-exploitation' },
  S5: { name: 'Defamation', type: 'defamation' },
  S6: { name: 'Specialized Advice', type: 'specialized-advice' },
  S7: { name: 'Privacy', type: 'privacy' },
  S8: { name: 'Intellectual Property', type: 'intellectual-property' },
  S9: { name: 'Indiscriminate Weapons', type: 'indiscriminate-weapons' },
  S10: { name: 'Hate', type: 'hate' },
  S11: { name: 'Suicide & Self-Harm', type: 'self-harm' },
  S12: { name: 'Sexual Content', type: 'sexual-content' },
  S13: { name: 'Elections', type: 'elections' },
  S14: { name: 'Code Interpreter Abuse', type: 'code-interpreter-abuse' },
};

/** The classification prompt for a request (`User`) or an answer (`Agent`), with the chosen categories. */
export function llamaGuardPrompt(
  text: string,
  direction: Direction = 'input',
  categories: readonly string[] = Object.keys(hazardCategories),
): string {
  const role = direction === 'output' ? 'Agent' : 'User';
  const list = categories.map((code) => `${code}: ${hazardCategories[code]?.name ?? code}.`).join('\n');
  return [
    `Task: Check if there is unsafe content in '${role}' messages in conversations according to our safety policy with the below categories.`,
    '',
    '<BEGIN UNSAFE CONTENT CATEGORIES>',
    list,
    '<END UNSAFE CONTENT CATEGORIES>',
    '',
    '<BEGIN CONVERSATION>',
    '',
    `${role}: ${text}`,
    '',
    '<END CONVERSATION>',
    '',
    `Provide your safety assessment for ONLY THE LAST ${role} message in the above conversation:`,
    " - First line must read 'safe' or 'unsafe'.",
    ' - If unsafe, a second line must include a comma-separated list of violated categories.',
  ].join('\n');
}

/** `{ safe: true }`, `{ safe: false, codes: ['S1', 'S9'] }`, or undefined when the answer is neither. */
export function parseLlamaGuardVerdict(content: string): { safe: boolean; codes: string[] } | undefined {
  const verdict = content.trim().toLowerCase();
  if (verdict.startsWith('safe')) return { safe: true, codes: [] };
  if (!verdict.startsWith('unsafe')) return undefined;
  return { safe: false, codes: [...new Set(content.match(/\bS\d{1,2}\b/g) ?? [])] };
}
