// The image and audio routes as the rest of the gateway sees them: usage rows, metrics and spans
// labelled with the media endpoint (not 'chat'), the request hook run as on chat (it sees the prompt
// or the form's text fields, may block or rewrite them), response filters not asked, and a streamed
// transcription's reported usage recorded. The official openai client against a loopback fake.
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayHooks, HookRequestContext } from '../src/gateway/index.js';
import { type Harness, startGateway } from './gateway-harness.js';
import { type FakeOpenAI, startFakeOpenAI } from './gateway-openai-native-fake.js';

let upstream: FakeOpenAI;
let harness: Harness;
let client: OpenAI;
const seen: HookRequestContext[] = [];
let filtersAsked: string[] = [];

const hooks: GatewayHooks = {
  beforeUpstream(context) {
    seen.push(context);
    const text = String(context.body.prompt ?? context.body.input ?? context.body.prompt ?? '');
    if (text.includes('forbidden')) return { action: 'block', reason: 'no forbidden words' };
    if (text.includes('secret'))
      return {
        action: 'rewrite',
        body: { ...context.body, [context.body.input ? 'input' : 'prompt']: 'redacted' },
      };
    return undefined;
  },
  response(context) {
    filtersAsked.push(context.endpoint);
    return { delta: (text) => text.toUpperCase(), end: () => '' };
  },
};

const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(400, 1)]);

beforeAll(async () => {
  upstream = await startFakeOpenAI('m');
  harness = await startGateway(
    {
      gateway: {
        auth: { required: true },
        upstreams: { openai: { baseURL: upstream.url, apis: ['images', 'audio'] } },
        routes: {
          dalle: { targets: [{ upstream: 'openai', model: 'gpt-image-1' }] },
          tts: { targets: [{ upstream: 'openai', model: 'gpt-4o-mini-tts' }] },
          whisper: { targets: [{ upstream: 'openai', model: 'gpt-4o-transcribe' }] },
        },
      },
    },
    { hooks },
  );
  const created = await harness.gateway.keys.create({ name: 'media' });
  client = new OpenAI({ baseURL: harness.baseURL, apiKey: created.key, maxRetries: 0 });
});

afterAll(async () => {
  await harness.close();
  await upstream.close();
});

async function lastUsage() {
  await harness.gateway.usage.flush();
  const [row] = await harness.store.gatewayUsage.listUsage({ limit: 1 });
  return row;
}

describe('media routes: endpoint labels', () => {
  it('labels usage rows and metrics with the media endpoint, not chat', async () => {
    await client.images.generate({ model: 'dalle', prompt: 'a red fox' });
    expect(await lastUsage()).toMatchObject({ endpoint: 'images.generations', model: 'dalle', status: 200 });
    await client.audio.speech.create({ model: 'tts', voice: 'alloy', input: 'hello' });
    expect((await lastUsage()).endpoint).toBe('audio.speech');
    await client.audio.transcriptions.create({ model: 'whisper', file: await toFile(wav, 'a.wav') });
    expect((await lastUsage()).endpoint).toBe('audio.transcriptions');
    await client.audio.translations.create({ model: 'whisper', file: await toFile(wav, 'a.wav') });
    expect((await lastUsage()).endpoint).toBe('audio.translations');
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toContain(
      'gantry_gateway_requests_total{model="dalle",endpoint="images.generations",status="200"} 1',
    );
    expect(metrics).toContain('endpoint="audio.speech"');
    expect(metrics).not.toMatch(/model="(dalle|tts|whisper)",endpoint="chat"/);
  });
});

describe('media routes: request hooks', () => {
  it('run on image and audio requests with the endpoint and the text fields', async () => {
    seen.length = 0;
    await client.images.generate({ model: 'dalle', prompt: 'a blue bird' });
    await client.audio.transcriptions.create({
      model: 'whisper',
      file: await toFile(wav, 'a.wav'),
      language: 'en',
    });
    expect(seen.map((c) => c.endpoint)).toEqual(['images.generations', 'audio.transcriptions']);
    expect(seen[0]).toMatchObject({ model: 'dalle', stream: false, body: { prompt: 'a blue bird' } });
    expect(seen[1].body).toEqual({ model: 'whisper', language: 'en' });
    expect(seen[1].keyId).toEqual(expect.any(String));
  });

  it('block a request before the upstream sees it', async () => {
    const before = upstream.requests.length;
    const error = await client.images
      .generate({ model: 'dalle', prompt: 'a forbidden fox' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('GATEWAY_BLOCKED');
    expect(upstream.requests.length).toBe(before);
  });

  it('rewrite the JSON body and the multipart text fields that are sent upstream', async () => {
    await client.images.generate({ model: 'dalle', prompt: 'my secret', size: '1024x1024' });
    expect(upstream.requests.at(-1)?.body).toEqual({
      model: 'gpt-image-1',
      prompt: 'redacted',
      size: '1024x1024',
    });
    await client.audio.speech.create({ model: 'tts', voice: 'alloy', input: 'a secret word' });
    expect(upstream.requests.at(-1)?.body).toEqual({
      model: 'gpt-4o-mini-tts',
      voice: 'alloy',
      input: 'redacted',
    });
    await client.images.edit({
      model: 'dalle',
      image: await toFile(Buffer.from('png bytes'), 'in.png', { type: 'image/png' }),
      prompt: 'add a secret',
    });
    const sent = upstream.requests.at(-1);
    expect(sent?.path).toBe('/images/edits');
    expect(sent?.body).toEqual({ model: 'gpt-image-1', prompt: 'redacted' });
    expect(sent?.file?.bytes.toString()).toBe('png bytes');
  });

  it('do not ask for a response filter: audio bytes pass unchanged', async () => {
    filtersAsked = [];
    const speech = await client.audio.speech.create({ model: 'tts', voice: 'alloy', input: 'hi' });
    expect(Buffer.from(await speech.arrayBuffer()).equals(upstream.speech)).toBe(true);
    expect(filtersAsked).toEqual([]);
  });
});

describe('media routes: streamed transcription usage', () => {
  it('records the tokens the upstream reports in its done event', async () => {
    const stream = await client.audio.transcriptions.create({
      model: 'whisper',
      file: await toFile(wav, 'a.wav'),
      stream: true,
    });
    for await (const _ of stream) {
      // drain
    }
    const row = await lastUsage();
    expect(row).toMatchObject({
      endpoint: 'audio.transcriptions',
      stream: true,
      inputTokens: 14,
      outputTokens: 3,
      usageSource: 'upstream',
    });
  });
});
