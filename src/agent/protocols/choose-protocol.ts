// `auto` picks native tool calling, and falls back to json then react when the backend says it
// cannot do tools or structured output (the error, not a guess, decides).
import { APICallError, UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { jsonProtocol } from './json-protocol.js';
import { nativeProtocol } from './native-protocol.js';
import { reactProtocol } from './react-protocol.js';
import type { ProtocolName, ToolProtocol } from './tool-protocol.js';

export type ProtocolChoice = ProtocolName | 'auto';

export const protocols: Record<ProtocolName, ToolProtocol> = {
  native: nativeProtocol,
  json: jsonProtocol,
  react: reactProtocol,
};

const fallbackOrder: ProtocolName[] = ['native', 'json', 'react'];

export function initialProtocol(choice: ProtocolChoice): ProtocolName {
  return choice === 'auto' ? 'native' : choice;
}

/** The protocol to try after `current` failed with `error`, or undefined when the error is not a capability gap. */
export function fallbackProtocol(
  choice: ProtocolChoice,
  current: ProtocolName,
  error: unknown,
): ProtocolName | undefined {
  if (choice !== 'auto' || !isCapabilityError(error)) return undefined;
  return fallbackOrder[fallbackOrder.indexOf(current) + 1];
}

export function isCapabilityError(error: unknown): boolean {
  if (UnsupportedFunctionalityError.isInstance(error)) return true;
  if (APICallError.isInstance(error) && [400, 404, 422, 501].includes(error.statusCode ?? 0)) {
    const text = `${error.message} ${error.responseBody ?? ''}`;
    return /tool|function.?call|response_format|json_schema|structured/i.test(text);
  }
  return false;
}
