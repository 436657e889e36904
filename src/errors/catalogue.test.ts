import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue, GantryError } from './index.js';

const docs = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const documented = new Map(
  [...docs.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|\s*(\d+)\s*\|/gm)].map((m) => [
    m[1],
    { http: Number(m[2]), exit: Number(m[3]) },
  ]),
);

describe('error catalogue', () => {
  it('is mirrored exactly in docs/errors.md (codes, HTTP status, exit code)', () => {
    expect([...documented.keys()].sort()).toEqual(Object.keys(errorCatalogue).sort());
    for (const [code, definition] of Object.entries(errorCatalogue)) {
      expect(documented.get(code), code).toEqual({ http: definition.httpStatus, exit: definition.exitCode });
    }
  });

  it('detects Gantry errors without instanceof (duplicate package copies)', () => {
    const error = new GantryError('NOT_FOUND', 'Trace abc does not exist.', {
      hint: 'List traces with gantry traces.',
    });
    const lookalike = Object.assign(Object.create(null), { code: 'NOT_FOUND' });
    expect(GantryError.isInstance(error)).toBe(true);
    expect(GantryError.isInstance(lookalike)).toBe(false);
    expect(GantryError.isInstance(new Error('plain'))).toBe(false);
    expect(error.httpStatus).toBe(404);
    expect(error.toDisplayString()).toBe('Trace abc does not exist.\n  → List traces with gantry traces.');
  });
});
