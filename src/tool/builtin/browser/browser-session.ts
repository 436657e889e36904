// One Chromium (playwright-core, Debian's /usr/bin/chromium), launched on first use, with a
// browser context per agent run: runs share no cookies, storage or history. Every request a page
// makes passes the web_fetch address policy; pages have a navigation timeout and a size limit.
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { GantryError } from '../../../errors/index.js';
import { blockedRequestReason } from './request-policy.js';

export interface BrowserSessionOptions {
  /** Chromium's path. Default: /usr/bin/chromium (Debian's package), or GANTRY_CHROMIUM. */
  executablePath?: string;
  /** Hosts the page may reach even on a private or loopback address (e.g. "127.0.0.1" for a local shop). */
  allowHosts?: readonly string[];
  /** Time for one navigation or action. Default 15 s. */
  timeoutMs?: number;
  /** Bytes of one response the page may load at most (documents, scripts, images). Default 5 MB. */
  maximumResponseBytes?: number;
  /** Runs that may hold a browser context at once; the least recently used is closed. Default 8. */
  maximumContexts?: number;
}

export interface BrowserSession {
  /** The run's page (its own context), opened on first use. */
  page(runId: string): Promise<Page>;
  /** Requests the run's pages were refused, newest last (for the model and the trace). */
  blocked(runId: string): string[];
  closeRun(runId: string): Promise<void>;
  close(): Promise<void>;
}

const launchFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function createBrowserSession(options: BrowserSessionOptions = {}): BrowserSession {
  const allowHosts = options.allowHosts ?? [];
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maximumBytes = options.maximumResponseBytes ?? 5_000_000;
  const maximumContexts = options.maximumContexts ?? 8;
  let browser: Promise<Browser> | undefined;
  const contexts = new Map<string, { context: BrowserContext; page: Page; blocked: string[] }>();

  const launch = async (): Promise<Browser> => {
    const executablePath = options.executablePath ?? process.env.GANTRY_CHROMIUM ?? '/usr/bin/chromium';
    try {
      const { chromium } = await import('playwright-core');
      return await chromium.launch({ executablePath, args: launchFlags, timeout: 60_000 });
    } catch (error) {
      throw new GantryError(
        'TOOL_BROWSER_UNAVAILABLE',
        `Chromium could not be started from ${executablePath}: ${(error as Error).message}`,
        {
          hint: 'Install it (`apt-get install chromium`) or set GANTRY_CHROMIUM / the executablePath option to a Chromium binary.',
          details: { executablePath },
          cause: error,
        },
      );
    }
  };

  const open = async () => {
    browser ??= launch();
    const context = await (await browser).newContext({ acceptDownloads: false, serviceWorkers: 'block' });
    context.setDefaultTimeout(timeoutMs);
    context.setDefaultNavigationTimeout(timeoutMs);
    const blocked: string[] = [];
    // Every request, not only the first navigation: links, forms, redirects, scripts, images.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      const reason = await blockedRequestReason(url, allowHosts);
      if (reason) {
        blocked.push(`${url}: ${reason}`);
        return route.abort('blockedbyclient');
      }
      // Fetched here with redirects off and handed to the page. Chromium follows a redirect it is
      // given without passing the target through this route again, so the whole chain is checked
      // here first (each Location resolved and checked, up to 10 hops) and refused if any hop is.
      try {
        const response = await route.fetch({ maxRedirects: 0, timeout: timeoutMs });
        const refusal = await redirectRefusal(route, url, response.status(), response.headers().location);
        if (refusal) {
          blocked.push(refusal);
          return route.abort('blockedbyclient');
        }
        const body = await response.body();
        if (body.length > maximumBytes) {
          blocked.push(`${url}: larger than ${maximumBytes} bytes`);
          return route.abort('blockedbyclient');
        }
        return route.fulfill({ response, body });
      } catch {
        return route.abort('failed').catch(() => {});
      }
    });
    const page = await context.newPage();
    return { context, page, blocked };
  };

  /** Why a redirect chain starting with this response must not be followed, or undefined. */
  const redirectRefusal = async (
    route: Route,
    from: string,
    status: number,
    location: string | undefined,
  ) => {
    let current = from;
    let next = status >= 300 && status < 400 ? location : undefined;
    for (let hop = 0; next !== undefined; hop++) {
      if (hop >= 10) return `${from}: more than 10 redirects`;
      const target = new URL(next, current).href;
      const reason = await blockedRequestReason(target, allowHosts);
      if (reason) return `${target} (redirected from ${from}): ${reason}`;
      const response = await route.fetch({ url: target, maxRedirects: 0, timeout: timeoutMs });
      current = target;
      next = response.status() >= 300 && response.status() < 400 ? response.headers().location : undefined;
    }
    return undefined;
  };

  return {
    async page(runId) {
      let entry = contexts.get(runId);
      if (!entry) {
        if (contexts.size >= maximumContexts) {
          const [oldest] = contexts.keys();
          await this.closeRun(oldest);
        }
        entry = await open();
        contexts.set(runId, entry);
      } else {
        contexts.delete(runId);
        contexts.set(runId, entry); // most recently used last
      }
      return entry.page;
    },
    blocked: (runId) => contexts.get(runId)?.blocked ?? [],
    async closeRun(runId) {
      const entry = contexts.get(runId);
      contexts.delete(runId);
      await entry?.context.close().catch(() => {});
    },
    async close() {
      for (const runId of [...contexts.keys()]) await this.closeRun(runId);
      const started = browser;
      browser = undefined;
      if (started) await (await started.catch(() => undefined))?.close();
    },
  };
}
