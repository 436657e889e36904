// Attribute names from the OpenTelemetry GenAI semantic conventions, plus Gantry's own (gantry.*)
// where the conventions have no name yet (cost).
export const GenAI = {
  operationName: 'gen_ai.operation.name',
  system: 'gen_ai.system',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  requestTemperature: 'gen_ai.request.temperature',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  toolDescription: 'gen_ai.tool.description',
  agentName: 'gen_ai.agent.name',
  agentId: 'gen_ai.agent.id',
  conversationId: 'gen_ai.conversation.id',
  /** Gantry extension: cost of the operation in US dollars. */
  costUsd: 'gantry.cost.usd',
} as const;

/** Values of gen_ai.operation.name. */
export type GenAIOperation =
  | 'chat'
  | 'text_completion'
  | 'embeddings'
  | 'execute_tool'
  | 'invoke_agent'
  | 'create_agent';
