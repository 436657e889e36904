// ReAct protocol: Thought / Action / Action Input / Observation / Final Answer, as plain text. It
// works with any model that follows instructions, including ones without tool or JSON support.
import { extractToolCalls } from '../parse/extract-tool-calls.js';
import { parseLooseJson } from '../parse/parse-loose-json.js';
import { textHistory, toolCatalogue } from './text-history.js';
import { observationText, type ToolProtocol } from './tool-protocol.js';

const actionPattern =
  /Action\s*\d*\s*:\s*[`"'[]?([a-zA-Z0-9_.-]+)[`"'\]]?[^\n]*\n+\s*Action\s*\d*\s*Input\s*\d*\s*:\s*([\s\S]*?)(?=\n\s*(?:Observation|Thought|Action\s*\d*\s*:|Final Answer)|$)/gi;
const finalPattern = /Final\s*Answer\s*:\s*([\s\S]*)$/i;

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
  parse(turn, { step, toolNames }) {
    const text = turn.text;
    const final = finalPattern.exec(text);
    const actions = [...text.matchAll(actionPattern)];
    // An action written before the final answer wins: the model has not seen its observation yet.
    if (actions.length > 0 && (!final || actions[0].index < final.index)) {
      return {
        calls: actions.map((match, index) => {
          const raw = match[2].trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
          const parsed = parseLooseJson(raw);
          return {
            id: `call_${step}_${index}`,
            name: match[1],
            input: parsed.ok ? parsed.value : raw,
            raw: match[0],
          };
        }),
      };
    }
    if (final) return { calls: [], finalText: final[1].trim() };
    // "Action: name" without an "Action Input" line: a call without arguments (validation re-asks if needed).
    const bareAction = /^\s*Action\s*\d*\s*:\s*[`"'[]?([a-zA-Z0-9_.-]+)[`"'\]]?\s*$/im.exec(text);
    if (bareAction && toolNames.includes(bareAction[1])) {
      return { calls: [{ id: `call_${step}_0`, name: bareAction[1], input: {}, raw: bareAction[0] }] };
    }
    const recovered = extractToolCalls(text, { toolNames });
    if (recovered.calls.length > 0) {
      return { calls: recovered.calls.map((call, index) => ({ ...call, id: `call_${step}_${index}` })) };
    }
    if (text.trim() === '') {
      return {
        calls: [],
        formatError: 'Your reply was empty. Continue with "Thought:" then an Action or a Final Answer.',
      };
    }
    // Small models often answer without the "Final Answer:" label; the text is the answer.
    return { calls: [], finalText: text.replace(/^\s*Thought\s*:\s*/i, '').trim() };
  },
};
