// /v1/files and /v1/batches: upload a JSONL input, create a batch on it, follow its status, read its
// output and error files, cancel it. Files and batches belong to the caller's tenant.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GantryError } from '../../errors/index.js';
import {
  type BatchRecord,
  defaultTenant,
  type GatewayBatchRepository,
  type GatewayFileRepository,
  type GatewayKeyLimits,
} from '../../store/index.js';
import { sendError, sendJson } from '../http/index.js';
import type { AuthenticatedKey, Scope } from '../keys/index.js';
import { type BatchRunner, batchEndpoints } from './batch-runner.js';
import { parseBatchInput } from './parse-batch-input.js';
import { readJsonObject, readUpload } from './read-upload.js';
import { batchObject, fileObject } from './wire-objects.js';

export interface BatchRoutesOptions {
  files: GatewayFileRepository;
  batches: GatewayBatchRepository;
  runner: BatchRunner;
  caller: (req: IncomingMessage, scope: Scope) => Promise<AuthenticatedKey | undefined>;
  defaultLimits: GatewayKeyLimits;
  maximumFileBytes: number;
  maximumLines: number;
  bodyLimitBytes: number;
}

const newId = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;

export function createBatchRoutes(options: BatchRoutesOptions) {
  const { files, batches, runner } = options;

  async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ): Promise<void> {
    const key = await options.caller(req, 'gateway');
    const tenant = key?.tenant ?? defaultTenant;
    const parts = path.split('/').slice(2).map(safeDecode);
    const [collection, id, action] = parts;
    const method = req.method ?? 'GET';
    const json = (value: unknown) => sendJson(res, 200, JSON.stringify(value));

    if (collection === 'files') {
      if (parts.length === 1 && method === 'POST') {
        const upload = await readUpload(req, options.maximumFileBytes);
        const file = {
          id: newId('file-'),
          tenant,
          filename: upload.filename,
          purpose: upload.purpose,
          bytes: upload.content.length,
          createdAt: Date.now(),
        };
        await files.saveFile(file, upload.content);
        return json(fileObject(file));
      }
      if (parts.length === 1 && method === 'GET') {
        const purpose = query.get('purpose') ?? undefined;
        const limit = Math.min(10_000, Math.max(1, Number(query.get('limit') ?? 100) || 100));
        return json({
          object: 'list',
          data: (await files.listFiles(tenant, { purpose, limit })).map(fileObject),
          has_more: false,
        });
      }
      if (parts.length === 2 && method === 'GET')
        return json(fileObject((await files.getFile(tenant, id)) ?? fileNotFound(id)));
      if (parts.length === 2 && method === 'DELETE') {
        if (!(await files.deleteFile(tenant, id))) fileNotFound(id);
        return json({ id, object: 'file', deleted: true });
      }
      if (parts.length === 3 && action === 'content' && method === 'GET') {
        const content = (await files.getFileContent(tenant, id)) ?? fileNotFound(id);
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(content.length),
        });
        res.end(content);
        return;
      }
    }
    if (collection === 'batches') {
      if (parts.length === 1 && method === 'POST') {
        const body = await readJsonObject(req, options.bodyLimitBytes);
        const batch = await createBatch(body, tenant, key);
        return json(batchObject(batch, await batches.countItems(batch.id)));
      }
      if (parts.length === 1 && method === 'GET') {
        const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 20) || 20));
        const list = await batches.listBatches(tenant, { limit });
        const data = await Promise.all(list.map(async (b) => batchObject(b, await batches.countItems(b.id))));
        return json({
          object: 'list',
          data,
          first_id: list[0]?.id ?? null,
          last_id: list.at(-1)?.id ?? null,
          has_more: false,
        });
      }
      const batch = id ? await batches.getBatch(tenant, id) : undefined;
      if (parts.length === 2 && method === 'GET') {
        const found = batch ?? batchNotFound(id);
        return json(batchObject(found, await batches.countItems(found.id)));
      }
      if (parts.length === 3 && action === 'cancel' && method === 'POST') {
        const found = batch ?? batchNotFound(id);
        if (!['completed', 'failed', 'cancelled', 'expired'].includes(found.status))
          await runner.cancel(found);
        const current = (await batches.getBatch(tenant, found.id)) ?? found;
        return json(batchObject(current, await batches.countItems(found.id)));
      }
    }
    throw new GantryError('ROUTE_NOT_FOUND', `${method} ${path} is not served.`, {
      hint: 'See docs/gateway.md, "Batches", for the /v1/files and /v1/batches routes.',
    });
  }

  async function createBatch(
    body: Record<string, unknown>,
    tenant: string,
    key: AuthenticatedKey | undefined,
  ): Promise<BatchRecord> {
    const endpoint = body.endpoint;
    if (typeof endpoint !== 'string' || !(endpoint in batchEndpoints)) {
      throw invalid(`'endpoint' must be one of ${Object.keys(batchEndpoints).join(', ')}.`, 'endpoint');
    }
    if (body.completion_window !== '24h')
      throw invalid("'completion_window' must be '24h'.", 'completion_window');
    if (typeof body.input_file_id !== 'string')
      throw invalid("'input_file_id' is required.", 'input_file_id');
    const metadata = body.metadata ?? null;
    if (
      metadata !== null &&
      (typeof metadata !== 'object' ||
        Array.isArray(metadata) ||
        Object.values(metadata).some((v) => typeof v !== 'string'))
    ) {
      throw invalid("'metadata' must be an object of strings.", 'metadata');
    }
    const content =
      (await files.getFileContent(tenant, body.input_file_id)) ??
      fileNotFound(body.input_file_id, 'input_file_id');
    const { lines, errors } = parseBatchInput(content, endpoint, options.maximumLines);
    const now = Date.now();
    const failed = errors.length > 0;
    const batch: BatchRecord = {
      id: newId('batch_'),
      tenant,
      keyId: key?.id ?? null,
      endpoint,
      inputFileId: body.input_file_id,
      completionWindow: '24h',
      status: failed ? 'failed' : 'validating',
      outputFileId: null,
      errorFileId: null,
      errors: failed ? errors : null,
      metadata: metadata as Record<string, string> | null,
      createdAt: now,
      times: failed ? { failed: now } : {},
    };
    await batches.createBatch(batch, failed ? [] : lines);
    if (!failed) {
      runner.start(batch, {
        limits: { ...options.defaultLimits, ...key?.limits },
        models: key?.models ?? null,
      });
    }
    return batch;
  }

  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (
      path !== '/v1/files' &&
      path !== '/v1/batches' &&
      !path.startsWith('/v1/files/') &&
      !path.startsWith('/v1/batches/')
    )
      return false;
    const query = new URL(req.url ?? '/', 'http://gateway').searchParams;
    serve(req, res, path, query).catch((error) => {
      req.resume();
      sendError(res, error);
    });
    return true;
  };
}

function fileNotFound(id: string, param?: string): never {
  throw new GantryError(
    'GATEWAY_FILE_NOT_FOUND',
    `No file '${id.slice(0, 100)}' exists for this key's tenant.`,
    {
      hint: 'GET /v1/files lists the files of your tenant.',
      details: param ? { param } : {},
    },
  );
}

function batchNotFound(id: string): never {
  throw new GantryError(
    'GATEWAY_BATCH_NOT_FOUND',
    `No batch '${id.slice(0, 100)}' exists for this key's tenant.`,
    {
      hint: 'GET /v1/batches lists the batches of your tenant.',
    },
  );
}

function invalid(message: string, param: string): GantryError {
  return new GantryError('REQUEST_INVALID', message, {
    hint: 'See the OpenAI Batch API reference.',
    details: { param },
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
