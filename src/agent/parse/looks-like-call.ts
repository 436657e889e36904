// Text that looks like a tool call the parser could not read: envelope markers, an Action line, or a
// JSON object with name and arguments keys. Such a reply is a format error the model is told about,
// never the run's final answer.
const markers = [
  '<tool_call',
  '</tool_call>',
  '<function=',
  '[TOOL_CALLS]',
  '[ARGS]',
  '<|python_tag|>',
  '<|tool_call>',
  '<start_function_call>',
  'tool▁call',
  'tool_call_begin',
  'tool_calls_section',
  '<|tool_call_begin|>',
  '<invoke name=',
];

export function looksLikeCall(text: string): string | undefined {
  for (const marker of markers) if (text.includes(marker)) return `the tool-call marker ${marker}`;
  if (/^[ \t*]*Action[ \t]*\d*[ \t*]*:/im.test(text)) return 'an "Action:" line';
  if (
    /\{\s*["'](?:name|tool|function)["']\s*:\s*["'][^"']+["']\s*,\s*["'](?:arguments|parameters|args|input)["']\s*:/.test(
      text,
    )
  )
    return 'a JSON tool-call object';
  return undefined;
}
