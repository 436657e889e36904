// Record/replay of model traffic at the fetch level, so it works with every AI SDK provider.
// record: forwards to the network and appends each exchange to a JSONL file (no credentials kept);
// replay: answers from the file by request hash and fails loudly on a request it has not seen.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GantryError } from '../../errors/index.js';
import type { FetchFunction } from '../resolve-model.js';
import { pathOf, requestHash } from './request-hash.js';

export interface CassetteEntry {
  version: 1;
  hash: string;
  request: { method: string; path: string; body: unknown };
  response: { status: number; contentType: string; body: string };
}

export interface CassetteOptions {
  file: string;
  mode: 'record' | 'replay';
  /** The network fetch used while recording. */
  fetch?: FetchFunction;
  /** Replay: delay between server-sent events, to exercise streaming code paths. */
  eventDelayMs?: number;
}

export function createCassetteFetch({
  file,
  mode,
  fetch = globalThis.fetch,
  eventDelayMs = 0,
}: CassetteOptions): FetchFunction {
  if (mode === 'record') {
    mkdirSync(dirname(file), { recursive: true });
    return async (input, init) => {
      const { method, url, body } = await describeRequest(input, init);
      const response = await fetch(input, init);
      const text = await response.text();
      const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
      const entry: CassetteEntry = {
        version: 1,
        hash: requestHash(method, url, body),
        request: { method, path: pathOf(url), body: parseJson(body) },
        response: { status: response.status, contentType, body: text },
      };
      appendFileSync(file, `${JSON.stringify(entry)}\n`);
      return new Response(text, { status: response.status, headers: { 'content-type': contentType } });
    };
  }
  const recordings = loadCassette(file);
  const played = new Map<string, number>();
  return async (input, init) => {
    const { method, url, body } = await describeRequest(input, init);
    const hash = requestHash(method, url, body);
    const matches = recordings.get(hash);
    if (!matches) {
      throw new GantryError(
        'CASSETTE_MISS',
        `No recording in ${file} for ${method} ${pathOf(url)} (hash ${hash}).`,
        {
          hint: 'The request changed since it was recorded: record the cassette again (mode "record") against a real backend.',
          details: { file, hash, path: pathOf(url) },
        },
      );
    }
    // The same request recorded several times replays in order, then repeats the last answer.
    const index = played.get(hash) ?? 0;
    played.set(hash, index + 1);
    const { response } = matches[Math.min(index, matches.length - 1)];
    const headers = { 'content-type': response.contentType };
    if (!response.contentType.includes('text/event-stream'))
      return new Response(response.body, { status: response.status, headers });
    return new Response(eventStream(response.body, eventDelayMs), { status: response.status, headers });
  };
}

export function loadCassette(file: string): Map<string, CassetteEntry[]> {
  if (!existsSync(file)) {
    throw new GantryError('CASSETTE_INVALID', `Cassette ${file} does not exist.`, {
      hint: 'Record it first with mode "record" against a real backend.',
      details: { file },
    });
  }
  const byHash = new Map<string, CassetteEntry[]>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      let entry: CassetteEntry;
      try {
        entry = JSON.parse(line) as CassetteEntry;
      } catch (error) {
        throw new GantryError('CASSETTE_INVALID', `Cassette ${file}, line ${index + 1}, is not valid JSON.`, {
          details: { file, line: index + 1 },
          cause: error,
        });
      }
      if (entry.version !== 1 || typeof entry.hash !== 'string' || typeof entry.response?.body !== 'string') {
        throw new GantryError(
          'CASSETTE_INVALID',
          `Cassette ${file}, line ${index + 1}, is not a recorded exchange.`,
          {
            details: { file, line: index + 1 },
          },
        );
      }
      byHash.set(entry.hash, [...(byHash.get(entry.hash) ?? []), entry]);
    });
  return byHash;
}

async function describeRequest(input: Parameters<FetchFunction>[0], init: Parameters<FetchFunction>[1]) {
  const request = input instanceof Request ? input : undefined;
  const url = request ? request.url : String(input);
  const method = init?.method ?? request?.method ?? 'GET';
  let body: string | undefined;
  if (typeof init?.body === 'string') body = init.body;
  else if (init?.body instanceof Uint8Array) body = new TextDecoder().decode(init.body);
  else if (request) body = await request.clone().text();
  return { method, url, body };
}

function eventStream(body: string, delayMs: number): ReadableStream<Uint8Array> {
  const events = body.split(/(?<=\n\n)/);
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const event = events.shift();
      if (event === undefined) {
        controller.close();
        return;
      }
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      controller.enqueue(encoder.encode(event));
    },
  });
}

function parseJson(body: string | undefined): unknown {
  if (body === undefined) return null;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
