// A set of tools by name: lookup with a "did you mean", and the specs a model receives.
import { GantryError } from '../errors/index.js';
import { closestName } from './closest-name.js';
import type { AnyTool } from './tool.js';
import { type JsonSchema, toolInputJsonSchema } from './tool-json-schema.js';

export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

export type ToolLookup = { tool: AnyTool } | { tool?: undefined; message: string; suggestion?: string };

export interface ToolRegistry {
  readonly size: number;
  get(name: string): AnyTool | undefined;
  /** The tool, or a message for the model naming the available tools and the close match. */
  lookUp(name: string): ToolLookup;
  names(): string[];
  list(): AnyTool[];
  specs(): ToolSpec[];
  /** A registry with only the named tools (unknown names fail with the list of known ones). */
  pick(names: readonly string[]): ToolRegistry;
}

export function createToolRegistry(tools: readonly AnyTool[] = []): ToolRegistry {
  const byName = new Map<string, AnyTool>();
  for (const tool of tools) {
    if (byName.has(tool.name)) {
      throw new GantryError('AGENT_TOOL_DUPLICATE', `Two tools are named '${tool.name}'.`, {
        hint: 'Give each tool a unique name (MCP tools can be prefixed with their server name).',
        details: { name: tool.name },
      });
    }
    byName.set(tool.name, tool);
  }
  let specs: ToolSpec[] | undefined;
  const registry: ToolRegistry = {
    size: byName.size,
    get: (name) => byName.get(name),
    lookUp(name) {
      const tool = byName.get(name);
      if (tool) return { tool };
      const names = [...byName.keys()];
      const suggestion = closestName(name, names);
      const available = names.length > 0 ? names.join(', ') : '(none)';
      const message =
        `There is no tool named '${name}'.` +
        (suggestion ? ` Did you mean '${suggestion}'?` : '') +
        ` Available tools: ${available}.`;
      return suggestion ? { message, suggestion } : { message };
    },
    names: () => [...byName.keys()],
    list: () => [...byName.values()],
    specs() {
      specs ??= [...byName.values()].map((tool) => ({
        name: tool.name,
        description: tool.description,
        inputSchema: toolInputJsonSchema(tool),
      }));
      return specs;
    },
    pick(names) {
      const missing = names.filter((name) => !byName.has(name));
      if (missing.length > 0) {
        throw new GantryError('AGENT_TOOL_UNKNOWN', `Unknown tool(s): ${missing.join(', ')}.`, {
          hint: `Available tools: ${[...byName.keys()].join(', ') || '(none)'}.`,
          details: { missing },
        });
      }
      return createToolRegistry(names.map((name) => byName.get(name)!));
    },
  };
  return registry;
}
