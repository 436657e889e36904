// Every memo the guard keeps from one text to the next, emptied at once. A server keeps them (common
// words' tagger sums, the suffix model's 4-gram scores, the last text's features); a benchmark that
// times one text several times calls this before each run, so the text is timed as the first one the
// process sees and not as its own repeat.
import { clearTaggerMemo } from '../pii/entity-tagger.js';
import { clearSurprisalMemo } from '../signals/char-language-model.js';
import { clearPromptTaskCache } from './prompt-task-scores.js';

export function clearGuardMemos(): void {
  clearPromptTaskCache();
  clearSurprisalMemo();
  clearTaggerMemo();
}
