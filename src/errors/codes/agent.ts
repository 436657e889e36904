import type { ErrorDefinition } from './error-definition.js';

export const agentErrors = {
  AGENT_TOOL_INVALID: {
    description:
      'A tool was defined with an invalid name (letters, digits, _ and - only, 64 at most) or an empty description.',
    httpStatus: 500,
    exitCode: 2,
  },
  AGENT_TOOL_DUPLICATE: {
    description: 'Two tools given to one agent share a name.',
    httpStatus: 500,
    exitCode: 2,
  },
  AGENT_TOOL_UNKNOWN: {
    description:
      'A tool named on the command line, in configuration or in a request does not exist; the message lists the available ones.',
    httpStatus: 400,
    exitCode: 2,
  },
  AGENT_TOOL_TIMEOUT: {
    description:
      'A tool call ran longer than its time limit and was aborted; the model is told and the run goes on.',
    httpStatus: 504,
    exitCode: 1,
  },
  AGENT_PROTOCOL_UNSUPPORTED: {
    description:
      'The model supports none of the tool-calling protocols allowed for it (native, json, react).',
    httpStatus: 400,
    exitCode: 2,
  },
  AGENT_RUN_NOT_RESUMABLE: {
    description: 'A run asked to resume has already finished, or has no checkpoint to resume from.',
    httpStatus: 409,
    exitCode: 1,
  },
  AGENT_STORE_REQUIRED: {
    description:
      'Resuming, approvals or checkpoints were asked for but the agent was created without a store.',
    httpStatus: 500,
    exitCode: 2,
  },
  AGENT_APPROVAL_NOT_FOUND: {
    description: 'No pending or decided approval has the given id.',
    httpStatus: 404,
    exitCode: 1,
  },
  AGENT_APPROVAL_CONFLICT: {
    description:
      'An approval was already decided the other way (approved then rejected, or the reverse); the first decision stands.',
    httpStatus: 409,
    exitCode: 1,
  },
  TOOL_URL_BLOCKED: {
    description:
      'web_fetch refused a URL: not http(s), or it resolves (directly, by an odd IP spelling or after a redirect) to a loopback, private, link-local or metadata address.',
    httpStatus: 403,
    exitCode: 1,
  },
  TOOL_FETCH_FAILED: {
    description:
      'web_fetch could not fetch a page: connection refused or reset, DNS failure, or too many redirects.',
    httpStatus: 502,
    exitCode: 1,
  },
  TOOL_FETCH_TIMEOUT: {
    description: 'web_fetch did not get the whole page within its time limit.',
    httpStatus: 504,
    exitCode: 1,
  },
  TOOL_BROWSER_UNAVAILABLE: {
    description: 'The browser tools could not start Chromium (not installed, or not at the configured path).',
    httpStatus: 503,
    exitCode: 1,
  },
  TOOL_BROWSER_ELEMENT: {
    description:
      'A browser tool was given an element reference that is not on the current page (the page changed, or the reference was never shown).',
    httpStatus: 400,
    exitCode: 1,
  },
  TOOL_PATH_OUTSIDE_ROOT: {
    description:
      'file_read refused a path that leaves its root (.., an absolute path elsewhere, or a symbolic link out).',
    httpStatus: 403,
    exitCode: 1,
  },
  TOOL_EXPRESSION_INVALID: {
    description:
      'calculator was given something other than arithmetic; the message points at the offending character.',
    httpStatus: 400,
    exitCode: 1,
  },
  MCP_CONNECT_FAILED: {
    description: 'An MCP server (stdio command or HTTP URL) could not be started or connected to.',
    httpStatus: 502,
    exitCode: 1,
  },
  MCP_TOOL_FAILED: {
    description: 'An MCP tool answered with an error result; the model is told and the run goes on.',
    httpStatus: 502,
    exitCode: 1,
  },
} as const satisfies Record<string, ErrorDefinition>;
