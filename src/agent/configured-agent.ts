// An agent built from configuration and names (what the CLI and the server need): a model spec,
// built-in tool names, `mcp:<server>` for the tools of a configured MCP server.
import type { GantryConfig } from '../config/index.js';
import { GantryError } from '../errors/index.js';
import { resolveModel } from '../model/index.js';
import type { Store } from '../store/index.js';
import {
  type AnyTool,
  calculatorTool,
  connectMcpServer,
  fileReadTool,
  type McpConnection,
  webFetchTool,
} from '../tool/index.js';
import type { Tracer } from '../trace/index.js';
import { type Agent, createAgent } from './agent.js';
import type { ProtocolChoice } from './protocols/choose-protocol.js';

export const builtInToolNames = ['web_fetch', 'calculator', 'file_read'] as const;

export interface ConfiguredAgentOptions {
  config: GantryConfig;
  store?: Pick<Store, 'agentRuns' | 'agentToolCalls' | 'agentApprovals'> &
    Partial<Pick<Store, 'agentTenants'>>;
  tracer?: Tracer;
  /** 'provider:model' or an alias; default: config.agent.model. */
  model?: string;
  tools?: readonly string[];
  protocol?: ProtocolChoice;
  maximumSteps?: number;
  instructions?: string;
}

export interface ConfiguredAgent {
  agent: Agent;
  modelName: string;
  toolNames: string[];
  close(): Promise<void>;
}

export async function createConfiguredAgent(options: ConfiguredAgentOptions): Promise<ConfiguredAgent> {
  const { config } = options;
  const settings = config.agent;
  const modelName = options.model ?? settings.model;
  if (!modelName) {
    throw new GantryError('USAGE_INVALID', 'No model was given for the agent.', {
      hint: `Name a model as 'provider:model' (--model on the command line, "model" in an API request), for example ollama:qwen2.5:7b, or set agent.model in the configuration.`,
    });
  }
  const model = resolveModel(modelName, { config });
  const connections: McpConnection[] = [];
  const tools: AnyTool[] = [];
  try {
    for (const name of options.tools ?? []) {
      if (name.startsWith('mcp:')) {
        const serverName = name.slice(4);
        const server = settings.mcpServers.find((entry) => entry.name === serverName);
        if (!server) {
          throw new GantryError('AGENT_TOOL_UNKNOWN', `No MCP server named '${serverName}' is configured.`, {
            hint: `Configured MCP servers: ${settings.mcpServers.map((s) => s.name).join(', ') || '(none)'}; add one under agent.mcpServers.`,
          });
        }
        const connection = await connectMcpServer(server, { prefix: true });
        connections.push(connection);
        tools.push(...connection.tools);
        continue;
      }
      tools.push(builtInTool(name, config));
    }
  } catch (error) {
    await Promise.all(connections.map((connection) => connection.close()));
    throw error;
  }
  // Configuration can put any tool behind approval, built-in or MCP, without changing its code.
  const gated = tools.map((tool) =>
    settings.requireApproval.includes(tool.name) ? { ...tool, needsApproval: true } : tool,
  );
  const protocol =
    options.protocol ??
    (Object.hasOwn(settings.modelProtocols, modelName) ? settings.modelProtocols[modelName] : undefined) ??
    settings.protocol;
  const agent = createAgent({
    model,
    // Prices are looked up by 'provider:model', so an alias is replaced by what it stands for.
    modelName:
      (Object.hasOwn(config.models, modelName) ? config.models[modelName].model : undefined) ?? modelName,
    tools: gated,
    protocol,
    instructions: options.instructions,
    store: options.store,
    tracer: options.tracer,
    limits: {
      steps: options.maximumSteps ?? settings.maximumSteps,
      toolCalls: settings.maximumToolCalls,
      inputTokens: settings.maximumInputTokens,
      outputTokens: settings.maximumOutputTokens,
      costUsd: settings.maximumCostUsd,
      durationMs: settings.maximumDurationMs,
    },
    repeatedCallLimit: settings.repeatedCallLimit,
    noProgressLimit: settings.noProgressLimit,
    finalAnswerOnStop: settings.finalAnswerOnStop,
    maximumRepairs: settings.maximumRepairs,
    toolTimeoutMs: settings.toolTimeoutMs,
    toolConcurrency: settings.toolConcurrency,
    modelRetries: settings.modelRetries,
    maximumObservationCharacters: settings.maximumObservationCharacters,
  });
  return {
    agent,
    modelName,
    toolNames: tools.map((tool) => tool.name),
    close: async () => {
      await Promise.all(connections.map((connection) => connection.close()));
    },
  };
}

export function builtInTool(name: string, config: GantryConfig): AnyTool {
  const { webFetch, fileRead } = config.agent.tools;
  switch (name) {
    case 'web_fetch':
      return webFetchTool(webFetch);
    case 'calculator':
      return calculatorTool();
    case 'file_read':
      return fileReadTool(fileRead);
    default:
      throw new GantryError('AGENT_TOOL_UNKNOWN', `There is no built-in tool named '${name}'.`, {
        hint: `Built-in tools: ${builtInToolNames.join(', ')}; use mcp:<server> for the tools of a configured MCP server.`,
        details: { name },
      });
  }
}
