// Dependency direction (../shared/ARCHITECTURE.md): memory sits below rag and imports only its own
// layer and the layers under it; the search primitives both share (src/search) import only leaves.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const source = resolve(import.meta.dirname, '../src');

function importedFolders(folder: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
          const target = relative(source, resolve(directory, match[1])).split('/')[0];
          if (target === folder) continue;
          found.set(target, [...(found.get(target) ?? []), relative(source, path)]);
        }
      }
    }
  };
  walk(join(source, folder));
  return found;
}

describe('dependency direction', () => {
  it('memory imports no module above it (rag, agent, team, eval, gateway, server, cli)', () => {
    const allowed = new Set(['search', 'store', 'errors', 'config', 'random', 'model', 'tool', 'trace']);
    const violations = [...importedFolders('memory')].filter(([folder]) => !allowed.has(folder));
    expect(violations).toEqual([]);
  });

  it('the shared search primitives import only leaf folders', () => {
    const allowed = new Set(['errors', 'random']);
    const violations = [...importedFolders('search')].filter(([folder]) => !allowed.has(folder));
    expect(violations).toEqual([]);
  });
});
