// ReAct protocol: Thought / Action / Action Input / Observation / Final Answer, as plain text. It
// works with any model that follows instructions, including ones without tool or JSON support.
import { parseToolCalls } from '../parse/parse-tool-calls.js';
import { textHistory, toolCatalogue } from './text-history.js';
import { observationText, type ToolProtocol } from './tool-protocol.js';
import { turnFromParse } from './turn-from-parse.js';

const formatReminder =
  'Continue with "Thought:", then "Action: <tool name>" and "Action Input: <arguments as one JSON object>", or "Final Answer: <answer>".';

export const reactProtocol: ToolProtocol = {
  name: 'react',
  prompt({ instructions, messages, tools, toolsEnabled }) {
    const usable = toolsEnabled && tools.length > 0;
    const format = usable
      ? `You can use these tools:\n${toolCatalogue(tools)}\n\nUse exactly this format:\n` +
        'Thought: what to do next\nAction: the tool name\nAction Input: the arguments as a JSON object\n' +
        'Observation: (the tool result, written by the system; stop after Action Input)\n' +
        '... (Thought/Action/Action Input/Observation can repeat)\nThought: I know the answer\nFinal Answer: the answer'
      : 'No tools can be used now. Reply in this format:\nThought: your reasoning\nFinal Answer: the answer';
    return {
      prompt: textHistory(
        [instructions, format].filter(Boolean).join('\n\n'),
        messages,
        (result) => `Observation${result.isError ? ' (error)' : ''}: ${observationText(result.output)}`,
      ),
      stopSequences: usable ? ['\nObservation:'] : undefined,
    };
  },
  parse(turn, { step, tools, model }) {
    const text = turn.text;
    if (text.trim() === '') return { calls: [], formatError: `Your reply was empty. ${formatReminder}` };
    const parsed = parseToolCalls(text, { tools, model, format: 'react' });
    const turnResult = turnFromParse(parsed, step, formatReminder);
    // Small models often answer without the "Final Answer:" label; the text (less a leading
    // "Thought:") is the answer, unless it looked like a call.
    if (turnResult.finalText !== undefined && parsed.finalAnswer === text.trim())
      return { ...turnResult, finalText: text.replace(/^\s*Thought\s*:\s*/i, '').trim() };
    return turnResult;
  },
};
