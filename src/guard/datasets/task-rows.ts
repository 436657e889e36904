// One row of the guard's task data: a prompt with what it is (its kind), where it comes from (its source)
// and the template family it belongs to (its group). Tasks (injection, jailbreak, harmful) pick their
// positives and negatives by kind; splits and leave-one-source-out folds go by source and group.

/** What a prompt is. Each task reads some kinds as positives, some as negatives, and ignores the rest. */
export type PromptKind =
  /** Instruction override / prompt extraction / indirect injection. */
  | 'injection'
  /** Persona, "mode", hypothetical or game framings meant to lift the model's rules. */
  | 'jailbreak'
  /** A plain request for harmful content (no framing). */
  | 'harmful'
  /** An ordinary request. */
  | 'benign'
  /** A benign role-play request ("I want you to act as a travel guide"). */
  | 'benign-roleplay'
  /** A safe request on a scary-sounding topic ("the history of bomb technology"). */
  | 'benign-sensitive'
  /**
   * An insult, threat or angry outburst that asks the model for nothing ("I will kill them all."):
   * toxicity (the toxicity scanner's business), no instruction override and no jailbreak.
   */
  | 'toxic';

export interface TaskRow {
  text: string;
  kind: PromptKind;
  /** The dataset it comes from: the unit of leave-one-source-out evaluation. */
  source: string;
  /** A hazard category (Llama Guard 3 / MLCommons code, e.g. `S2`) for harmful rows. */
  category?: string;
  /** Template family: rows sharing a group never sit on both sides of a split (set by groupRows). */
  group?: string;
  /** Only these tasks use the row (default: every task whose kinds include it). */
  tasks?: readonly GuardTask[];
  /**
   * Evaluation only: never trained on, never used to choose a threshold or a gate; reported on its own
   * (e.g. JailbreakBench's goals, which partly come from the held-out AdvBench and HarmBench).
   */
  evaluationOnly?: boolean;
  /**
   * What the classifiers train on and validation thresholds score when it differs from the prompt:
   * JailbreakBench's GCG and JBC prompts with their goal (partly AdvBench/HarmBench text, held out by the
   * issue) replaced by one of the project's own synthetic harmful requests. Evaluation reads `text`.
   */
  trainingText?: string;
}

export type GuardTask = 'injection' | 'jailbreak' | 'harmful';

export const guardTasks: readonly GuardTask[] = ['injection', 'jailbreak', 'harmful'];

/**
 * Positives and negatives of each task. A benign role-play request is a negative for all three; a
 * jailbreak is not a negative for injection (many jailbreaks also override instructions), a plain
 * harmful request is a negative for jailbreak and injection (no framing, no override), and an injection
 * is a negative for harmful requests.
 */
export const taskKinds: Record<GuardTask, { positive: PromptKind[]; negative: PromptKind[] }> = {
  injection: {
    positive: ['injection'],
    negative: ['benign', 'benign-roleplay', 'benign-sensitive', 'harmful', 'toxic'],
  },
  jailbreak: {
    positive: ['jailbreak'],
    negative: ['benign', 'benign-roleplay', 'benign-sensitive', 'harmful', 'toxic'],
  },
  harmful: {
    positive: ['harmful'],
    // An instruction override asks for no harmful content; a jailbreak usually wraps some (left out).
    negative: ['benign', 'benign-roleplay', 'benign-sensitive', 'injection'],
  },
};

/** The label of a row for a task, or undefined when the task does not use the row. */
export function labelFor(task: GuardTask, kind: PromptKind): 0 | 1 | undefined {
  const kinds = taskKinds[task];
  if (kinds.positive.includes(kind)) return 1;
  if (kinds.negative.includes(kind)) return 0;
  return undefined;
}
