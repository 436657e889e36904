import { describe, expect, it } from 'vitest';
import { carriesToken } from '../routing/index.js';
import { ClientAbort } from './client-abort.js';
import { readResponsesEvents } from './responses-events.js';
import { UpstreamFailure } from './upstream-failure.js';

async function* bytes(text: string): AsyncGenerator<Buffer> {
  yield Buffer.from(text);
}

const event = (type: string, extra = '') => `event: ${type}\ndata: {"type":"${type}"${extra}}\n\n`;

async function collect(text: string): Promise<string[]> {
  const out: string[] = [];
  for await (const data of readResponsesEvents(bytes(text), new ClientAbort(), 'up')) out.push(data);
  return out;
}

describe('reading a native Responses stream', () => {
  it('yields each event up to response.completed', async () => {
    const text =
      event('response.created') +
      event('response.output_text.delta', ',"delta":"hi"') +
      event('response.completed') +
      event('late');
    const events = await collect(text);
    expect(events.map((e) => JSON.parse(e).type)).toEqual([
      'response.created',
      'response.output_text.delta',
      'response.completed',
    ]);
    expect(carriesToken(events[1])).toBe(true);
    expect(carriesToken(events[0])).toBe(false);
  });

  it('fails on an error event or a stream that ends early', async () => {
    await expect(collect(event('response.created') + event('error', ',"message":"boom"'))).rejects.toThrow(
      /error event/,
    );
    await expect(collect(event('response.created'))).rejects.toBeInstanceOf(UpstreamFailure);
  });
});
