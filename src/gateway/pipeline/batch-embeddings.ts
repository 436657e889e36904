// Stage: /v1/embeddings requests for the same model and options, arriving within `windowMs` of each
// other, go upstream as one request (at most `maxInputs` inputs); each client gets its own vectors
// (re-indexed from 0) and its share of the usage. A batch that fails is retried request by request,
// so that each client sees its own error. A request alone in its window goes on as it is.
import { estimateCost } from '../../model/index.js';
import { callRoute } from '../routing/index.js';
import { ClientAbort } from '../upstream/index.js';
import { type GatewayContext, type Next, type Stage, sendAnswer } from './gateway-context.js';

export interface EmbeddingBatchOptions {
  windowMs: number;
  maxInputs: number;
}

interface Waiting {
  context: GatewayContext;
  inputs: unknown[];
  done: (run: () => Promise<void>) => void;
}

interface Batch {
  waiting: Waiting[];
  inputs: number;
  timer: NodeJS.Timeout | undefined;
}

export function batchEmbeddings({ windowMs, maxInputs }: EmbeddingBatchOptions): Stage {
  const open = new Map<string, Batch>();

  return (context, next) => {
    if (context.endpoint !== 'embeddings' || !context.route) return next(context);
    const { input, user: _user, ...options } = context.body;
    const inputs = Array.isArray(input) && typeof input[0] !== 'number' ? input : [input];
    if (inputs.length >= maxInputs) return next(context);
    const key = `${context.route.name}\n${JSON.stringify(options)}`;
    let batch = open.get(key);
    if (batch && batch.inputs + inputs.length > maxInputs) {
      flush(key, batch, next);
      batch = undefined;
    }
    if (!batch) {
      const created: Batch = { waiting: [], inputs: 0, timer: undefined };
      created.timer = setTimeout(() => flush(key, created, next), windowMs);
      open.set(key, created);
      batch = created;
    }
    const joined = batch;
    return new Promise<() => Promise<void>>((resolve) => {
      joined.waiting.push({ context, inputs, done: resolve });
      joined.inputs += inputs.length;
    }).then((run) => run());
  };

  function flush(key: string, batch: Batch, next: Next): void {
    if (open.get(key) === batch) open.delete(key);
    clearTimeout(batch.timer);
    const { waiting } = batch;
    if (waiting.length === 1) {
      waiting[0].done(() => next(waiting[0].context));
      return;
    }
    void send(waiting).then(
      (answers) => {
        for (let i = 0; i < waiting.length; i++)
          waiting[i].done(() => answer(waiting[i].context, answers[i]));
      },
      () => {
        for (const w of waiting) w.done(() => next(w.context));
      },
    );
  }
}

interface Share {
  text: string;
  upstream: string;
  model: string;
  inputTokens: number;
  waitedMs: number;
}

async function send(waiting: Waiting[]): Promise<Share[]> {
  const first = waiting[0].context;
  const route = first.route!;
  const body = { ...first.body, input: waiting.flatMap((w) => w.inputs) };
  const started = performance.now();
  const call = await callRoute(route, {
    endpoint: 'embeddings',
    body,
    stream: false,
    signal: new ClientAbort(),
  });
  const waitedMs = performance.now() - started;
  if (call.response.kind !== 'json' || call.response.status !== 200) throw new Error('batch failed');
  const parsed = JSON.parse(call.response.text) as {
    data: { index: number; embedding: unknown }[];
    model?: string;
    usage?: { prompt_tokens?: number };
  };
  const data = [...parsed.data].sort((left, right) => left.index - right.index);
  if (data.length !== body.input.length) throw new Error('batch answer has the wrong number of vectors');
  const totalTokens = parsed.usage?.prompt_tokens ?? 0;
  let offset = 0;
  let tokensLeft = totalTokens;
  return waiting.map((w, index) => {
    const own = data.slice(offset, offset + w.inputs.length).map((item, i) => ({ ...item, index: i }));
    offset += w.inputs.length;
    const tokens =
      index === waiting.length - 1
        ? tokensLeft
        : Math.round((totalTokens * w.inputs.length) / body.input.length);
    tokensLeft -= tokens;
    const text = JSON.stringify({
      object: 'list',
      data: own,
      model: parsed.model ?? call.target.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
    return {
      text,
      upstream: call.target.upstream.name,
      model: call.target.model,
      inputTokens: tokens,
      waitedMs,
    };
  });
}

async function answer(context: GatewayContext, share: Share): Promise<void> {
  context.upstream = share.upstream;
  context.upstreamModel = share.model;
  context.upstreamMs += share.waitedMs;
  context.inputTokens = share.inputTokens;
  context.usageSource = 'upstream';
  context.costUsd = estimateCost({ model: share.model, inputTokens: share.inputTokens, outputTokens: 0 });
  context.status = 200;
  context.responseText = share.text;
  context.responseHeaders = { ...context.responseHeaders, 'x-gantry-batched': 'true' };
  sendAnswer(context, 200, share.text);
}
