export { blockedAddressReason } from './builtin/address-policy.js';
export {
  type BrowserSession,
  type BrowserSessionOptions,
  createBrowserSession,
} from './builtin/browser/browser-session.js';
export { type BrowserToolsOptions, browserTools } from './builtin/browser/browser-tools.js';
export { type PageSnapshot, snapshotPage } from './builtin/browser/page-snapshot.js';
export { blockedRequestReason } from './builtin/browser/request-policy.js';
export { calculatorTool } from './builtin/calculator.js';
export { evaluateExpression } from './builtin/evaluate-expression.js';
export { confinedPath, type FileReadOptions, fileReadTool } from './builtin/file-read.js';
export { htmlToMarkdown } from './builtin/html-to-markdown.js';
export { pdfToText } from './builtin/pdf-to-text.js';
export { type SafeFetchOptions, type SafeFetchResponse, safeFetch } from './builtin/safe-fetch.js';
export { type WebFetchOptions, webFetchTool } from './builtin/web-fetch.js';
export { closestName } from './closest-name.js';
export {
  connectMcpServer,
  type McpConnection,
  type McpServerConfig,
  type McpToolsOptions,
} from './mcp/mcp-tools.js';
export { type AnyTool, defineTool, type Tool } from './tool.js';
export type { CallerIdentity, ToolBudget, ToolContext } from './tool-context.js';
export { type JsonSchema, toolInputJsonSchema } from './tool-json-schema.js';
export { createToolRegistry, type ToolLookup, type ToolRegistry, type ToolSpec } from './tool-registry.js';
