// Native pass-through with the official openai client on real sockets: the Responses API (whole and
// streamed) to upstreams that speak it, previous_response_id across native and translated targets,
// and the image and audio endpoints (images.generate, audio.speech bytes, audio.transcriptions with a
// generated WAV file), each checked against what a loopback fake of OpenAI recorded.
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeServer, startScriptedChat } from './gateway-apis-fakes.js';
import { type Harness, startGateway } from './gateway-harness.js';
import { type FakeOpenAI, startFakeOpenAI } from './gateway-openai-native-fake.js';

let openai: FakeOpenAI;
let vllm: FakeOpenAI;
let scripted: FakeServer;
let harness: Harness;
let client: OpenAI;
let keyId: string;

/** A mono 16-bit PCM WAV of a 440 Hz tone. */
function toneWav(samples: number, rate = 8_000): Buffer {
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12_000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

beforeAll(async () => {
  openai = await startFakeOpenAI('a');
  vllm = await startFakeOpenAI('b');
  scripted = await startScriptedChat();
  harness = await startGateway({
    gateway: {
      auth: { required: true },
      media: { maximumUploadBytes: 64 * 1024 },
      upstreams: {
        openai: { baseURL: openai.url, apiKey: 'sk-upstream-a', apis: ['responses', 'images', 'audio'] },
        vllm: { baseURL: vllm.url, apiKey: 'sk-upstream-b', apis: ['responses'] },
        chat: { baseURL: scripted.url },
        down: { baseURL: 'http://127.0.0.1:9/v1', apis: ['responses', 'audio'] },
      },
      routes: {
        gpt: { targets: [{ upstream: 'openai', model: 'gpt-4.1' }] },
        qwen: { targets: [{ upstream: 'vllm', model: 'Qwen/Qwen3-8B' }] },
        chat: { targets: [{ upstream: 'chat', model: 'scripted-1' }] },
        dalle: { targets: [{ upstream: 'openai', model: 'gpt-image-1' }] },
        tts: { targets: [{ upstream: 'openai', model: 'gpt-4o-mini-tts' }] },
        whisper: { targets: [{ upstream: 'openai', model: 'whisper-1' }] },
        smart: {
          strategy: 'fallback',
          targets: [
            { upstream: 'down', model: 'gpt-4.1' },
            { upstream: 'chat', model: 'scripted-1' },
          ],
        },
        ears: {
          strategy: 'fallback',
          targets: [
            { upstream: 'chat', model: 'scripted-1' },
            { upstream: 'down', model: 'whisper-1' },
            { upstream: 'openai', model: 'whisper-1' },
          ],
        },
      },
    },
  });
  const created = await harness.gateway.keys.create({ name: 'native' });
  keyId = created.record.id;
  client = new OpenAI({ baseURL: harness.baseURL, apiKey: created.key, maxRetries: 0 });
});

afterAll(async () => {
  await harness.close();
  await openai.close();
  await vllm.close();
  await scripted.close();
});

describe('POST /v1/responses passed through to native upstreams', () => {
  it('sends the body as written (built-in tools too) with the model and key swapped', async () => {
    await harness.gateway.usage.flush();
    const before = await harness.store.gatewayUsage.totalsForKey(keyId);
    const response = await client.responses.create({
      model: 'gpt',
      input: 'find the news',
      instructions: 'be brief',
      tools: [{ type: 'web_search' }],
      metadata: { run: '7' },
    });
    expect(response.id).toBe('resp_a_1');
    expect(response.output_text).toBe('native resp_a_1 prev=none items=1');
    expect(response.model).toBe('gpt-4.1');
    const sent = openai.requests.at(-1);
    expect(sent?.path).toBe('/responses');
    expect(sent?.headers.authorization).toBe('Bearer sk-upstream-a');
    expect(sent?.body).toEqual({
      model: 'gpt-4.1',
      input: 'find the news',
      instructions: 'be brief',
      tools: [{ type: 'web_search' }],
      metadata: { run: '7' },
    });
    await harness.gateway.usage.flush();
    const after = await harness.store.gatewayUsage.totalsForKey(keyId);
    expect(after.requests - before.requests).toBe(1);
    expect(after.inputTokens - before.inputTokens).toBe(12);
    expect(after.outputTokens - before.outputTokens).toBe(5);
  });

  it('streams the upstream events as sent, in order, and stores the response', async () => {
    const stream = await client.responses.create({ model: 'qwen', input: 'stream it', stream: true });
    const events: { type: string; sequence_number: number }[] = [];
    let text = '';
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    // Every event, every field, exactly as the upstream sent it.
    expect(events).toEqual(vllm.streams.at(-1));
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events[0].type).toBe('response.created');
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(events.map((e) => e.type)).toContain('response.output_text.done');
    const id = (events.at(-1) as unknown as { response: { id: string } }).response.id;
    expect(text).toBe(`native ${id} prev=none items=1`);
    expect(vllm.requests.at(-1)?.body).toEqual({ model: 'Qwen/Qwen3-8B', input: 'stream it', stream: true });
    expect(vllm.requests.at(-1)?.headers.authorization).toBe('Bearer sk-upstream-b');
    // Stored for the tenant: GET returns the upstream's Response object, without gateway fields.
    const stored = await client.responses.retrieve(id);
    expect(stored.id).toBe(id);
    expect(stored.output_text).toBe(text);
    expect(Object.keys(stored).some((k) => k.startsWith('x_gantry'))).toBe(false);
  });

  it('passes previous_response_id to the upstream that holds it, and replays it elsewhere', async () => {
    const first = await client.responses.create({ model: 'gpt', input: 'my name is Ada' });
    // Same upstream: the id goes through, the upstream continues its own conversation.
    const same = await client.responses.create({
      model: 'gpt',
      input: 'and?',
      previous_response_id: first.id,
    });
    expect(openai.requests.at(-1)?.body.previous_response_id).toBe(first.id);
    expect(same.output_text).toContain(`prev=${first.id}`);
    // Another native upstream: no id (it would not know it); the conversation is replayed as items.
    const other = await client.responses.create({
      model: 'qwen',
      input: 'who am I?',
      previous_response_id: first.id,
    });
    const replayed = vllm.requests.at(-1)?.body;
    expect(replayed?.previous_response_id).toBeUndefined();
    expect(replayed?.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'my name is Ada' }] },
      {
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: first.output_text }],
      },
      { role: 'user', content: 'who am I?' },
    ]);
    expect(other.output_text).toContain('items=3');
    // A chat-completions upstream: translated, the stored conversation put before the input.
    const chat = await client.responses.create({
      model: 'chat',
      input: 'who am I?',
      previous_response_id: other.id,
    });
    expect(chat.output_text).toBe('You said: who am I? (5 messages)');
    const messages = scripted.requests.at(-1)?.body.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(messages[3].content).toBe(other.output_text);
  });

  it('replays a native conversation on a chat target when the native one is down', async () => {
    const first = await client.responses.create({ model: 'gpt', input: 'remember 42' });
    const next = await client.responses.create({
      model: 'smart',
      input: 'what number?',
      previous_response_id: first.id,
    });
    expect(next.output_text).toBe('You said: what number? (3 messages)');
    const messages = scripted.requests.at(-1)?.body.messages as { role: string; content: string }[];
    expect(messages).toEqual([
      { role: 'user', content: 'remember 42' },
      { role: 'assistant', content: first.output_text },
      { role: 'user', content: 'what number?' },
    ]);
  });

  it("refuses another tenant's native response id", async () => {
    const first = await client.responses.create({ model: 'gpt', input: 'secret' });
    const other = await harness.gateway.keys.create({ name: 'other', tenant: 'acme' });
    const stranger = new OpenAI({ baseURL: harness.baseURL, apiKey: other.key, maxRetries: 0 });
    const sentBefore = openai.requests.length;
    const error = await stranger.responses
      .create({ model: 'gpt', input: 'tell me', previous_response_id: first.id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('GATEWAY_RESPONSE_NOT_FOUND');
    expect(openai.requests.length).toBe(sentBefore);
  });

  it('refuses a request only native upstreams can take on a translated route', async () => {
    const error = await client.responses
      .create({ model: 'chat', input: 'news', tools: [{ type: 'web_search' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toMatch(/web_search/);
  });
});

describe('image and audio endpoints passed through', () => {
  it('images.generate: model swapped, answer as sent, usage recorded', async () => {
    await harness.gateway.usage.flush();
    const before = await harness.store.gatewayUsage.totalsForKey(keyId);
    const image = await client.images.generate({ model: 'dalle', prompt: 'a red fox', size: '1024x1024' });
    expect(Buffer.from(image.data?.[0].b64_json ?? '', 'base64').toString()).toBe('image of a red fox');
    expect(image.usage?.output_tokens).toBe(272);
    const sent = openai.requests.at(-1);
    expect(sent?.path).toBe('/images/generations');
    expect(sent?.body).toEqual({ model: 'gpt-image-1', prompt: 'a red fox', size: '1024x1024' });
    expect(sent?.headers.authorization).toBe('Bearer sk-upstream-a');
    await harness.gateway.usage.flush();
    const after = await harness.store.gatewayUsage.totalsForKey(keyId);
    expect(after.requests - before.requests).toBe(1);
    expect(after.inputTokens - before.inputTokens).toBe(9);
    expect(after.outputTokens - before.outputTokens).toBe(272);
  });

  it('audio.speech.create: the audio bytes arrive unchanged', async () => {
    const speech = await client.audio.speech.create({
      model: 'tts',
      voice: 'alloy',
      input: 'Hello from the gateway.',
      response_format: 'mp3',
    });
    expect(speech.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await speech.arrayBuffer());
    expect(bytes.length).toBe(openai.speech.length);
    expect(bytes.equals(openai.speech)).toBe(true);
    expect(openai.requests.at(-1)?.body).toEqual({
      model: 'gpt-4o-mini-tts',
      voice: 'alloy',
      input: 'Hello from the gateway.',
      response_format: 'mp3',
    });
  });

  it('audio.transcriptions.create: the WAV file and fields reach the upstream', async () => {
    const wav = toneWav(4_000);
    const transcription = await client.audio.transcriptions.create({
      model: 'whisper',
      file: await toFile(wav, 'tone.wav', { type: 'audio/wav' }),
      language: 'en',
    });
    expect(transcription.text).toBe(`heard ${wav.length} bytes`);
    const sent = openai.requests.at(-1);
    expect(sent?.path).toBe('/audio/transcriptions');
    expect(sent?.body).toEqual({ model: 'whisper-1', language: 'en' });
    expect(sent?.file?.name).toBe('tone.wav');
    expect(sent?.file?.bytes.equals(wav)).toBe(true);
    const translation = await client.audio.translations.create({
      model: 'whisper',
      file: await toFile(wav, 'tone.wav', { type: 'audio/wav' }),
    });
    expect(translation.text).toBe(`heard ${wav.length} bytes`);
    expect(openai.requests.at(-1)?.path).toBe('/audio/translations');
  });

  it('audio.transcriptions.create with stream: true relays the events as they come', async () => {
    const stream = await client.audio.transcriptions.create({
      model: 'whisper',
      file: await toFile(toneWav(1_000), 'tone.wav', { type: 'audio/wav' }),
      stream: true,
    });
    const events: { type: string }[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => e.type)).toEqual([
      'transcript.text.delta',
      'transcript.text.delta',
      'transcript.text.delta',
      'transcript.text.done',
    ]);
    expect(events.at(-1)).toMatchObject({ text: 'heard a stream' });
    expect(openai.requests.at(-1)?.body).toMatchObject({ model: 'whisper-1', stream: 'true' });
  });

  it('skips targets without the endpoint and falls back past one that is down', async () => {
    const wav = toneWav(1_000);
    const chatBefore = scripted.requests.length;
    const transcription = await client.audio.transcriptions.create({
      model: 'ears',
      file: await toFile(wav, 'short.wav', { type: 'audio/wav' }),
    });
    expect(transcription.text).toBe(`heard ${wav.length} bytes`);
    expect(scripted.requests.length).toBe(chatBefore);
    expect(openai.requests.at(-1)?.file?.bytes.equals(wav)).toBe(true);
  });

  it('refuses uploads over the size limit, before the upstream sees them', async () => {
    const sentBefore = openai.requests.length;
    const error = await client.audio.transcriptions
      .create({ model: 'whisper', file: await toFile(toneWav(40_000), 'long.wav', { type: 'audio/wav' }) })
      .catch((e: unknown) => e);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
    expect(openai.requests.length).toBe(sentBefore);
  });

  it('says clearly when no upstream of the route offers the endpoint', async () => {
    const error = await client.images.generate({ model: 'qwen', prompt: 'a fox' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('GATEWAY_ENDPOINT_UNSUPPORTED');
    expect((error as Error).message).toMatch(/qwen.*images\/generations/);
  });

  it("applies the key's model list and authentication", async () => {
    const limited = await harness.gateway.keys.create({ name: 'chat-only', models: ['gpt'] });
    const restricted = new OpenAI({ baseURL: harness.baseURL, apiKey: limited.key, maxRetries: 0 });
    const forbidden = await restricted.audio.speech
      .create({ model: 'tts', voice: 'alloy', input: 'hi' })
      .catch((e: unknown) => e);
    expect((forbidden as InstanceType<typeof OpenAI.APIError>).status).toBe(403);
    const anonymous = new OpenAI({ baseURL: harness.baseURL, apiKey: 'sk-wrong', maxRetries: 0 });
    const refused = await anonymous.images.generate({ model: 'dalle', prompt: 'x' }).catch((e: unknown) => e);
    expect((refused as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
  });
});
