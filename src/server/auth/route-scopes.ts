// The scope each platform path needs, by prefix: checked by the server before the route's handler,
// so a route added under a listed prefix is protected even if it forgets `requireScope`.
import type { Scope } from '../../gateway/index.js';

const prefixes: ReadonlyArray<readonly [string, Scope]> = [
  ['/api/runs', 'agents'],
  ['/api/approvals', 'agents'],
  ['/api/rag/', 'rag'],
  ['/api/memory', 'memory'],
  ['/api/eval', 'eval'],
];

/** The scope for a path under /api/, or undefined (authenticated, no particular scope). */
export function scopeForPath(path: string): Scope | undefined {
  for (const [prefix, scope] of prefixes) if (path.startsWith(prefix)) return scope;
  return undefined;
}
