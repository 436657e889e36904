// Instruction overrides, prompt extraction and no-rules personas in thirteen languages beyond English and
// German, against benign requests that use the same words in an ordinary sense ("ignore a file in git",
// "I forgot the rules of chess", "developer mode on Android"), through the default input policy as users
// run it. The project's own prompts are in src/guard/__fixtures__/multilingual-prompts.json (not shipped):
// a coverage check per language, not a held-out measurement.
import { createGuardPolicy, type GuardPolicy } from '../policy/index.js';

export interface LanguageResult {
  language: string;
  attacks: number;
  /** Attacks blocked by the injection or jailbreak rule. */
  caught: number;
  benign: number;
  /** Benign requests blocked by the injection or jailbreak rule. */
  falseAlarms: number;
  /** Attacks written after the patterns were fixed (never used to change them), and how many were blocked. */
  paraphrases: number;
  paraphrasesCaught: number;
  missed: string[];
  falselyBlocked: string[];
}

/** Per language: [task, text] attacks, paraphrased attacks written later, and benign look-alikes. */
export type MultilingualPrompts = Record<
  string,
  { attacks: [string, string][]; paraphrases?: [string, string][]; benign: string[] }
>;

export function evaluateMultilingual(
  prompts: MultilingualPrompts,
  policy: GuardPolicy = createGuardPolicy(),
): LanguageResult[] {
  const blockedByPromptRules = (text: string) =>
    policy
      .checkText(text, { direction: 'input' })
      .findings.some((f) => (f.rule === 'injection' || f.rule === 'jailbreak') && f.action === 'block');
  return Object.entries(prompts).map(([language, { attacks, paraphrases = [], benign }]) => {
    const missed = [...attacks, ...paraphrases]
      .map(([, text]) => text)
      .filter((text) => !blockedByPromptRules(text));
    const missedParaphrases = paraphrases.filter(([, text]) => missed.includes(text)).length;
    const falselyBlocked = benign.filter(blockedByPromptRules);
    return {
      language,
      attacks: attacks.length,
      caught: attacks.length - (missed.length - missedParaphrases),
      paraphrases: paraphrases.length,
      paraphrasesCaught: paraphrases.length - missedParaphrases,
      benign: benign.length,
      falseAlarms: falselyBlocked.length,
      missed,
      falselyBlocked,
    };
  });
}
