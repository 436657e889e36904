// What the simulator says in 'demo' mode (the `demo` model of `npm start` without configuration):
// readable, deterministic text that says it comes from a simulator. Asked with numbered sources
// ("[1] (source)\ntext", as `gantry ask` sends them), it quotes the first sentence of source [1] and
// cites it, an extractive stand-in for an answer, so that the citation path can be tried offline.

const notice = "Gantry's demo model is a simulator, not a language model";

export function demoReply(body: Record<string, unknown>): string {
  const result = lastToolResult(body);
  if (result !== undefined) {
    const shown = result.length > 200 ? `${result.slice(0, 197)}...` : result;
    return `(simulated) The tool returned ${shown}`;
  }
  const prompt = lastUserText(body);
  const source = /\[1\] \([^)\n]*\)\n([\s\S]*?)(?=\n\n\[2\] \(|\n\nQuestion:|$)/.exec(prompt);
  if (source) return `(simulated) ${firstSentence(source[1])} [1]`;
  const quoted = prompt.replace(/\s+/g, ' ').trim();
  const shown = quoted.length > 60 ? `${quoted.slice(0, 57)}...` : quoted;
  return `${notice}: it answers every request with this text (you sent "${shown}"). Point Gantry at a real backend for real answers.`;
}

/** Splits a reply into stream tokens: each word with the space before it. */
export function demoTokens(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

/** The content of the last message when it is a tool result (the demo's tool call came back). */
function lastToolResult(body: Record<string, unknown>): string | undefined {
  if (!Array.isArray(body.messages) || body.messages.length === 0) return undefined;
  const last = body.messages[body.messages.length - 1] as { role?: unknown; content?: unknown };
  if (last.role !== 'tool') return undefined;
  return typeof last.content === 'string' ? last.content : JSON.stringify(last.content);
}

function lastUserText(body: Record<string, unknown>): string {
  if (typeof body.prompt === 'string') return body.prompt;
  if (!Array.isArray(body.messages)) return '';
  for (let i = body.messages.length - 1; i >= 0; i--) {
    const message = body.messages[i] as { role?: unknown; content?: unknown };
    if (message.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    if (Array.isArray(message.content)) {
      return message.content
        .map((part: { type?: unknown; text?: unknown }) => (typeof part.text === 'string' ? part.text : ''))
        .join(' ');
    }
  }
  return '';
}

/** The first sentence of the source's prose (headings, code blocks and table rows skipped). */
function firstSentence(text: string): string {
  const lines = text.split('\n').map((line) => line.trim());
  // An odd number of fences: the chunk starts inside a code block, which the first fence closes.
  let inCode = lines.filter((line) => line.startsWith('```')).length % 2 === 1;
  const prose: string[] = [];
  for (const line of lines) {
    if (line.startsWith('```')) inCode = !inCode;
    else if (!inCode && /^[A-Za-z`*_("'[]/.test(line) && line.includes(' ')) prose.push(line);
    else if (prose.length > 0) break;
  }
  const fallback = lines.find((line) => line && !/^(```|\|)/.test(line)) ?? '';
  const paragraph = (prose.length > 0 ? prose.join(' ') : fallback.replace(/^#+\s*/, '')).trim();
  const end = paragraph.search(/[.!?](\s|$)/);
  const sentence = end === -1 ? paragraph : paragraph.slice(0, end + 1);
  return sentence.length > 200 ? `${sentence.slice(0, 197)}...` : sentence;
}
