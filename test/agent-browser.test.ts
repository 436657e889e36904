// The browser tools on real Chromium (playwright-core, /usr/bin/chromium): a scripted-model agent
// buys the task's product in the evaluation's web shop (a real HTTP site on 127.0.0.1) by reading
// pages and acting on element references; and every request a page makes passes the address policy.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../src/agent/index.js';
import {
  generateCatalogue,
  generateTasks,
  startWebShopServer,
  type WebShopServer,
} from '../src/eval/environments/webshop/index.js';
import { createScriptedModel, type ScriptedResponse } from '../src/model/index.js';
import { type BrowserSession, browserTools, createBrowserSession } from '../src/tool/index.js';

const chromium = process.env.GANTRY_CHROMIUM ?? '/usr/bin/chromium';

/** The value of the last tool result in the prompt (what the agent's last tool returned). */
function lastValue(options: LanguageModelV3CallOptions): Record<string, unknown> {
  for (const message of [...options.prompt].reverse()) {
    if (message.role !== 'tool') continue;
    const part = message.content.at(-1);
    if (part?.type === 'tool-result' && part.output.type === 'json')
      return part.output.value as Record<string, unknown>;
    if (part?.type === 'tool-result') return { error: JSON.stringify(part.output) };
  }
  return {};
}
const lastPage = (options: LanguageModelV3CallOptions) =>
  String(lastValue(options).markdown ?? JSON.stringify(lastValue(options)));
const refOf = (markdown: string, pattern: RegExp): string => {
  const match = pattern.exec(markdown);
  if (!match) throw new Error(`no element matching ${pattern} in:\n${markdown}`);
  return match[1];
};
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const call = (toolName: string, input: object): ScriptedResponse => ({ toolCalls: [{ toolName, input }] });

describe.skipIf(!existsSync(chromium))('browser tools', () => {
  let shop: WebShopServer;
  let session: BrowserSession;
  let other: Server;
  let otherPort = 0;
  let secretHits = 0;

  beforeAll(async () => {
    shop = await startWebShopServer(generateCatalogue({ seed: 3, size: 60 }));
    session = createBrowserSession({ allowHosts: ['127.0.0.1'], timeoutMs: 30_000 });
    other = createServer((request, response) => {
      if (request.url === '/secret') {
        secretHits++;
        response.end('secret');
        return;
      }
      if (request.url === '/redirect') {
        response.statusCode = 302;
        response.setHeader('location', `http://localhost:${otherPort}/secret`);
        response.end();
        return;
      }
      response.setHeader('content-type', 'text/html');
      response.end(
        `<h1>Outside</h1><img src="http://localhost:${otherPort}/secret"><script>fetch('http://localhost:${otherPort}/secret').catch(() => {})</script><a href="/redirect">go</a>`,
      );
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherPort = (other.address() as AddressInfo).port;
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await shop?.close();
    await new Promise((resolve) => other?.close(resolve));
  });

  it('lets a scripted agent complete a purchase in the web shop', async () => {
    const products = generateCatalogue({ seed: 3, size: 60 });
    const [task] = generateTasks(products, { seed: 5, count: 1 });
    const product = products.find((p) => p.asin === task.asin);
    if (!product) throw new Error('task product missing');
    const query = product.title.split(' ').slice(0, 4).join(' ');
    const steps = [
      () => call('browser_navigate', { url: `${shop.url}/s/buyer/` }),
      (o: LanguageModelV3CallOptions) =>
        call('browser_type', { ref: refOf(lastPage(o), /\[input q\]\((e\d+)\)/), text: query }),
      (o: LanguageModelV3CallOptions) => call('browser_submit', { ref: String(lastValue(o).ref) }),
      (o: LanguageModelV3CallOptions) =>
        call('browser_click', {
          ref: refOf(lastPage(o), new RegExp(`\\[${escapeRegExp(product.title)}\\]\\((e\\d+)\\)`)),
        }),
      ...Object.entries(task.goalOptions).map(([name, value]) => (o: LanguageModelV3CallOptions) => {
        const line =
          lastPage(o)
            .split('\n')
            .find((l) => l.startsWith(`${name}:`)) ?? '';
        return call('browser_click', {
          ref: refOf(line, new RegExp(`\\[${escapeRegExp(value)}\\]\\((e\\d+)\\)`)),
        });
      }),
      (o: LanguageModelV3CallOptions) =>
        call('browser_click', { ref: refOf(lastPage(o), /\[Buy now\]\((e\d+)\)/) }),
      (o: LanguageModelV3CallOptions) =>
        call('browser_click', { ref: refOf(lastPage(o), /\[Checkout\]\((e\d+)\)/) }),
      (o: LanguageModelV3CallOptions) => ({ text: /Thank you/.test(lastPage(o)) ? 'Bought it.' : 'Failed.' }),
    ];
    const model = createScriptedModel(steps);
    const { tools } = browserTools({ session, allowHosts: ['127.0.0.1'] });
    const result = await createAgent({ model, tools, limits: { steps: 20 } }).run(task.instruction);
    expect(result.text).toBe('Bought it.');
    const purchased = shop.session('buyer').purchased;
    expect(purchased?.asin).toBe(task.asin);
    expect(purchased?.options).toEqual(task.goalOptions);
    model.assertComplete();
  }, 180_000);

  it('applies the address policy to every request the page makes, and keeps runs apart', async () => {
    const { tools } = browserTools({ session, allowHosts: ['127.0.0.1'] });
    const byName = Object.fromEntries(tools.map((t) => [t.name, t])) as unknown as Record<
      string,
      { execute(input: object, context: never): Promise<unknown> }
    >;
    const context = {
      runId: 'policy-run',
      toolCallId: 'c1',
      signal: new AbortController().signal,
      span: {},
      tracer: {},
      budget: {},
    } as never;
    // The page itself is on an allowed host; its image, script fetch and redirect go to localhost.
    const page = (await byName.browser_navigate.execute(
      { url: `http://127.0.0.1:${otherPort}/` },
      context,
    )) as {
      title: string;
      markdown: string;
      blockedRequests?: string[];
    };
    expect(page.markdown).toContain('# Outside');
    const link = refOf(page.markdown, /\[go\]\((e\d+)\)/);
    await byName.browser_click.execute({ ref: link }, context).catch(() => undefined);
    expect(secretHits).toBe(0);
    const blocked = session.blocked('policy-run').join('\n');
    expect(blocked).toMatch(/localhost:\d+\/secret: .*loopback/); // the image and the script's fetch
    expect(blocked).toMatch(/secret \(redirected from http:\/\/127\.0\.0\.1:\d+\/redirect\)/);
    await expect(
      byName.browser_navigate.execute({ url: `http://localhost:${otherPort}/secret` }, context),
    ).rejects.toMatchObject({ code: 'TOOL_URL_BLOCKED' });
    await expect(
      byName.browser_navigate.execute({ url: 'file:///etc/passwd' }, context),
    ).rejects.toMatchObject({ code: 'TOOL_URL_BLOCKED' });
    // Another run has its own context: no history, no page.
    const fresh = { ...(context as object), runId: 'other-run' } as never;
    expect(((await byName.browser_read.execute({}, fresh)) as { url: string }).url).toBe('about:blank');
    await session.closeRun('policy-run');
    await session.closeRun('other-run');
  }, 120_000);
});
