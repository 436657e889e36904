import type { StopCondition } from './stop-condition.js';

/** Stops when the same tool has been called with the same arguments `times` times. */
export function repeatedToolCall(times = 3): StopCondition {
  return function repeatedCall({ toolCallKeys }) {
    const counts = new Map<string, number>();
    for (const key of toolCallKeys) {
      const count = (counts.get(key) ?? 0) + 1;
      if (count >= times) {
        const name = key.slice(0, key.lastIndexOf(':'));
        return {
          reason: 'repeated-tool-call',
          message: `The tool '${name}' was called ${count} times with the same arguments.`,
        };
      }
      counts.set(key, count);
    }
    return undefined;
  };
}
