import type { ErrorDefinition } from './error-definition.js';

// The gateway's translated APIs (Responses, Anthropic Messages) and image inputs.
export const gatewayApiErrors = {
  GATEWAY_API_UNSUPPORTED: {
    description:
      'A Responses or Messages request uses a feature the gateway cannot translate for chat-completions upstreams (built-in tools, file inputs, background mode).',
    httpStatus: 400,
    exitCode: 1,
  },
  GATEWAY_RESPONSE_NOT_FOUND: {
    description:
      "No stored response has this id for the key's tenant (never stored, created with store: false, deleted, or another tenant's).",
    httpStatus: 404,
    exitCode: 1,
  },
  GATEWAY_IMAGE_REJECTED: {
    description:
      'An image input is over the size or count limit, of a media type not accepted, or a URL the SSRF policy does not pass on (private, loopback or link-local address, credentials, non-http scheme).',
    httpStatus: 400,
    exitCode: 1,
  },
  GATEWAY_FILE_NOT_FOUND: {
    description: "No file has this id for the key's tenant (never uploaded, deleted, or another tenant's).",
    httpStatus: 404,
    exitCode: 1,
  },
  GATEWAY_BATCH_NOT_FOUND: {
    description: "No batch has this id for the key's tenant.",
    httpStatus: 404,
    exitCode: 1,
  },
  GATEWAY_ENDPOINT_UNSUPPORTED: {
    description:
      "No upstream of the model's route offers this endpoint (images, audio): only OpenAI-compatible upstreams whose `apis` list it (OpenAI's own does) serve it.",
    httpStatus: 400,
    exitCode: 1,
  },
} as const satisfies Record<string, ErrorDefinition>;
