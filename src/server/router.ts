// A small router: exact paths in a map (the common case, one lookup), then patterns with :params.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
) => unknown;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** '/v1/models' or '/api/runs/:id/approve' */
  path: string;
  handler: RouteHandler;
}

export interface RouteMatch {
  handler: RouteHandler;
  params: Record<string, string>;
}

export interface Router {
  match(method: string, path: string): RouteMatch | 'method-not-allowed' | undefined;
}

export function createRouter(routes: readonly Route[]): Router {
  const exact = new Map<string, Map<string, RouteHandler>>();
  const patterns: { method: string; segments: string[]; handler: RouteHandler }[] = [];
  for (const route of routes) {
    if (route.path.includes(':')) {
      patterns.push({ method: route.method, segments: route.path.split('/'), handler: route.handler });
      continue;
    }
    const byMethod = exact.get(route.path) ?? new Map<string, RouteHandler>();
    byMethod.set(route.method, route.handler);
    exact.set(route.path, byMethod);
  }
  return {
    match(method, path) {
      const byMethod = exact.get(path);
      if (byMethod) {
        const handler = byMethod.get(method) ?? (method === 'HEAD' ? byMethod.get('GET') : undefined);
        return handler ? { handler, params: {} } : 'method-not-allowed';
      }
      const segments = path.split('/');
      let pathMatched = false;
      for (const pattern of patterns) {
        const params = matchSegments(pattern.segments, segments);
        if (!params) continue;
        pathMatched = true;
        if (pattern.method === method) return { handler: pattern.handler, params };
      }
      return pathMatched ? 'method-not-allowed' : undefined;
    },
  };
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) {
      if (actual[i] === '') return undefined;
      const value = safeDecode(actual[i]);
      if (value === undefined) return undefined;
      params[pattern[i].slice(1)] = value;
    } else if (pattern[i] !== actual[i]) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
