// Tool-name resolution for the parser: exact, then ignoring case, spaces, dots, dashes and
// underscores ("Web Search" is web_search), cached per tool list.
import type { ParseContext, ToolShape } from './types.js';

const contexts = new WeakMap<readonly ToolShape[], ParseContext>();

export function contextFor(tools: readonly ToolShape[]): ParseContext {
  const cached = contexts.get(tools);
  if (cached) return cached;
  const exact = new Map(tools.map((tool) => [tool.name, tool]));
  const loose = new Map(tools.map((tool) => [looseName(tool.name), tool]));
  const context: ParseContext = {
    tools,
    resolve(name) {
      const tool = exact.get(name);
      if (tool) return { name, tool, normalised: false };
      const near = loose.get(looseName(name));
      if (near) return { name: near.name, tool: near, normalised: true };
      return { name, normalised: false };
    },
  };
  contexts.set(tools, context);
  return context;
}

function looseName(name: string): string {
  return name
    .replace(/^functions\./, '')
    .toLowerCase()
    .replace(/[\s_.-]+/g, '');
}
