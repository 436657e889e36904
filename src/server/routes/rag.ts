// The RAG API: ingest inline documents or URLs into a collection, search it, ask it, list collections.
// Server-side file paths are not accepted (a client could read the server's disk); URLs go through
// the SSRF-safe fetcher. Collections stay open per server so their BM25 index stays warm.
import { z } from 'zod';
import type { GantryConfig } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';
import { resolveModel } from '../../model/index.js';
import {
  answerQuestion,
  configuredReranker,
  type LoadedDocument,
  loadUrl,
  openConfiguredCollection,
  type RagCollection,
} from '../../rag/index.js';
import type { Store } from '../../store/index.js';
import { principalOf, tenantCollection, tenantCollections } from '../auth/index.js';
import { sendJson } from '../http-response.js';
import { parseRequestBody } from '../parse-request-body.js';
import { readJsonBody } from '../read-json-body.js';

const ragHint = 'See docs/rag.md for the request fields.';

import type { Route } from '../router.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const filter = z.record(z.string(), z.union([scalar, z.array(scalar)])).optional();
const mode = z.enum(['bm25', 'vector', 'hybrid']).optional();

const ingestBody = z
  .object({
    documents: z
      .array(
        z
          .object({
            source: z.string().min(1),
            text: z.string(),
            title: z.string().optional(),
            format: z.enum(['text', 'markdown']).default('text'),
            metadata: z.record(z.string(), scalar).default({}),
          })
          .strict(),
      )
      .default([]),
    urls: z.array(z.url()).default([]),
  })
  .strict();

const searchBody = z
  .object({
    query: z.string().min(1),
    mode,
    limit: z.number().int().positive().max(1000).optional(),
    filter,
    fusion: z.enum(['rrf', 'convex']).optional(),
    weight: z.number().min(0).max(1).optional(),
    mmr: z
      .object({ lambda: z.number().min(0).max(1).optional() })
      .strict()
      .optional(),
    /** Use the configured reranker (rag.reranker); default true when one is configured. */
    rerank: z.boolean().default(true),
  })
  .strict();

const askBody = z
  .object({ question: z.string().min(1), model: z.string().optional(), mode, filter })
  .strict();

/** Collections kept open (warm BM25 index) per server; the least recently used is dropped first. */
const maximumOpenCollections = 64;

export interface RagRouteOptions {
  config: GantryConfig;
  store: Pick<Store, 'ragDocuments' | 'ragVectors'>;
}

export function ragRoutes({ config, store }: RagRouteOptions): Route[] {
  const open = new Map<string, Promise<RagCollection>>();
  const collection = (name: string) => {
    let opened = open.get(name);
    if (opened) {
      // Most recently used last, so that the oldest goes first when the cap is reached.
      open.delete(name);
      open.set(name, opened);
      return opened;
    }
    opened = openConfiguredCollection({ store, config, name });
    opened.catch(() => open.delete(name));
    open.set(name, opened);
    // Bounded: clients choose collection names, and each open collection keeps its index warm.
    while (open.size > maximumOpenCollections) open.delete(open.keys().next().value as string);
    return opened;
  };
  const limit = config.server.bodyLimitBytes;
  const depth = config.security.maximumJsonDepth;
  const reranker = configuredReranker(config);
  return [
    {
      method: 'GET',
      path: '/api/rag/collections',
      handler: async (req, res) => {
        const rows = await store.ragDocuments.listCollections();
        // Only the caller's tenant's collections, under the names it knows them by.
        const own = tenantCollections(
          principalOf(req).tenant,
          rows.map((row) => row.name),
        );
        const byStored = new Map([...own].map(([name, stored]) => [stored, name]));
        sendJson(res, 200, {
          data: rows
            .filter((row) => byStored.has(row.name))
            .map(({ embedderState: _, ...row }) => ({ ...row, name: byStored.get(row.name) })),
        });
      },
    },
    {
      method: 'POST',
      path: '/api/rag/collections/:name/ingest',
      handler: async (req, res, { name: asked }) => {
        const name = tenantCollection(principalOf(req).tenant, asked);
        const body = parseRequestBody(ingestBody, await readJsonBody(req, limit, depth), ragHint);
        const documents: LoadedDocument[] = body.documents.map((document) => ({
          source: document.source,
          format: document.format,
          metadata: {
            ...document.metadata,
            source: document.source,
            ...(document.title ? { title: document.title } : {}),
          },
          sections: [{ text: document.text, metadata: {} }],
        }));
        for (const url of body.urls) documents.push(await loadUrl(url));
        const report = await (await collection(name)).ingest(documents);
        sendJson(res, 200, { collection: asked, ...report });
      },
    },
    {
      method: 'POST',
      path: '/api/rag/collections/:name/search',
      handler: async (req, res, { name: asked }) => {
        const name = tenantCollection(principalOf(req).tenant, asked);
        const body = parseRequestBody(searchBody, await readJsonBody(req, limit, depth), ragHint);
        await requireCollection(store, name, asked);
        const opened = await collection(name);
        const hits = await opened.search(body.query, {
          mode: body.mode ?? opened.defaultMode(config.rag.search.mode),
          limit: body.limit ?? config.rag.search.limit,
          fusion: body.fusion ?? config.rag.search.fusion,
          weight: body.weight ?? config.rag.search.weight,
          filter: body.filter,
          mmr: body.mmr,
          rerank: body.rerank ? reranker : undefined,
          rerankCandidates: config.rag.reranker.candidates,
        });
        sendJson(res, 200, { data: hits });
      },
    },
    {
      method: 'POST',
      path: '/api/rag/collections/:name/ask',
      handler: async (req, res, { name: asked }) => {
        const name = tenantCollection(principalOf(req).tenant, asked);
        const body = parseRequestBody(askBody, await readJsonBody(req, limit, depth), ragHint);
        const spec = body.model ?? config.rag.answer.model;
        if (!spec) {
          throw new GantryError(
            'REQUEST_INVALID',
            'No answering model: pass "model" or set rag.answer.model.',
            {
              hint: 'For example {"model": "ollama:llama3.2"}.',
            },
          );
        }
        await requireCollection(store, name, asked);
        const opened = await collection(name);
        const answer = await answerQuestion(body.question, {
          collection: opened,
          model: resolveModel(spec, { config }),
          sources: config.rag.answer.sources,
          minimumSimilarity: config.rag.answer.minimumSimilarity,
          minimumBm25: config.rag.answer.minimumBm25,
          search: {
            mode: body.mode ?? opened.defaultMode(config.rag.search.mode),
            filter: body.filter,
            rerank: reranker,
            rerankCandidates: config.rag.reranker.candidates,
          },
        });
        sendJson(res, 200, answer);
      },
    },
  ];
}

async function requireCollection(
  store: Pick<Store, 'ragDocuments'>,
  name: string,
  asked: string,
): Promise<void> {
  if (!(await store.ragDocuments.getCollection(name))) {
    throw new GantryError('RAG_INDEX_EMPTY', `There is no collection named ${asked}.`, {
      hint: `Ingest first: POST /api/rag/collections/${encodeURIComponent(asked)}/ingest.`,
      details: { name: asked },
    });
  }
}
