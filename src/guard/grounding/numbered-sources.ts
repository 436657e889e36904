// Sources carried in a request: a RAG prompt lists its passages as numbered blocks, "[1] text" (ask()
// writes "[1] (source)\ntext"), each running to the next "[n]" line or to a "Question:" line. The
// gateway reads them from the request's messages to check the answer's claims against them.

/** The numbered passages in a prompt, indexed by number - 1; empty when there are none. */
export function numberedSources(text: string): string[] {
  const sources: string[] = [];
  const starts = [...text.matchAll(/^[ \t]*\[(\d{1,3})\][ \t]*(?:\([^)\n]*\))?[ \t]*/gm)];
  for (let i = 0; i < starts.length; i++) {
    const match = starts[i];
    const number = Number(match[1]);
    if (number !== sources.length + 1) continue; // only 1, 2, 3 … in order
    const from = match.index + match[0].length;
    let to = i + 1 < starts.length ? starts[i + 1].index : text.length;
    const question = /^\s*(?:question|query|user question)\s*:/im.exec(text.slice(from, to));
    if (question) to = from + question.index;
    sources.push(text.slice(from, to).trim());
  }
  return sources;
}
