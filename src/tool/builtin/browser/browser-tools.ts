// `browser_*` tools: an agent that navigates the web. navigate, read (the page as Markdown with
// element references), click, type, select, submit, back, and screenshot (a PNG for a multimodal
// model). Each run has its own browser context; every request passes the web_fetch address policy.
import { z } from 'zod';
import { GantryError } from '../../../errors/index.js';
import { defineTool } from '../../tool.js';
import type { ToolContext } from '../../tool-context.js';
import { type BrowserSession, type BrowserSessionOptions, createBrowserSession } from './browser-session.js';
import { snapshotPage } from './page-snapshot.js';
import { blockedRequestReason } from './request-policy.js';

export interface BrowserToolsOptions extends BrowserSessionOptions {
  /** An existing session (shared by several agents); default: one made from these options. */
  session?: BrowserSession;
  /** Characters of page Markdown returned at most. Default 20,000. */
  maximumCharacters?: number;
}

const refInput = z.object({
  ref: z
    .string()
    .regex(/^e\d+$/)
    .describe('element reference from the page, e.g. e3'),
});

export function browserTools(options: BrowserToolsOptions = {}) {
  const session = options.session ?? createBrowserSession(options);
  const maximumCharacters = options.maximumCharacters ?? 20_000;
  const allowHosts = options.allowHosts ?? [];

  const pageOf = (context: ToolContext) => session.page(context.runId);
  const read = async (context: ToolContext) => {
    const page = await pageOf(context);
    await page.waitForLoadState('domcontentloaded');
    const snapshot = await snapshotPage(page, maximumCharacters);
    const blocked = session.blocked(context.runId);
    return blocked.length > 0 ? { ...snapshot, blockedRequests: blocked.slice(-5) } : snapshot;
  };
  const element = async (context: ToolContext, ref: string) => {
    const page = await pageOf(context);
    const locator = page.locator(`[data-gantry-ref="${ref}"]`);
    if ((await locator.count()) === 0) {
      throw new GantryError('TOOL_BROWSER_ELEMENT', `There is no element ${ref} on the current page.`, {
        hint: 'Call browser_read to see the page and its current element references.',
      });
    }
    return locator.first();
  };

  return {
    session,
    tools: [
      defineTool({
        name: 'browser_navigate',
        description:
          'Opens a URL (http or https, public addresses only) in the browser and returns the page as Markdown; [text](e3) marks an element you can click, type into or select by its reference.',
        input: z.object({ url: z.string().min(1).describe('absolute http:// or https:// URL') }),
        execute: async ({ url }, context) => {
          const reason = await blockedRequestReason(url, allowHosts);
          if (reason)
            throw new GantryError('TOOL_URL_BLOCKED', `The browser may not open ${url}: ${reason}.`, {
              hint: 'Only public http(s) addresses can be opened; an operator can allowlist a host.',
            });
          const page = await pageOf(context);
          const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
          return { status: response?.status() ?? 0, ...(await read(context)) };
        },
      }),
      defineTool({
        name: 'browser_read',
        description: 'Returns the current page as Markdown with element references.',
        input: z.object({}),
        execute: (_input, context) => read(context),
      }),
      defineTool({
        name: 'browser_click',
        description:
          'Clicks the element with this reference (a link or a button) and returns the resulting page.',
        input: refInput,
        execute: async ({ ref }, context) => {
          const target = await element(context, ref);
          const page = await pageOf(context);
          await Promise.all([page.waitForLoadState('domcontentloaded'), target.click()]);
          return read(context);
        },
      }),
      defineTool({
        name: 'browser_type',
        description: 'Replaces the text of an input or text area with this text.',
        input: refInput.extend({ text: z.string().max(10_000) }),
        execute: async ({ ref, text }, context) => {
          await (await element(context, ref)).fill(text);
          return { typed: true, ref };
        },
      }),
      defineTool({
        name: 'browser_select',
        description: 'Chooses an option (by its value or its visible text) in a select element.',
        input: refInput.extend({ option: z.string() }),
        execute: async ({ ref, option }, context) => {
          const target = await element(context, ref);
          const chosen = await target
            .selectOption(option)
            .catch(() => target.selectOption({ label: option }));
          return { selected: chosen, ref };
        },
      }),
      defineTool({
        name: 'browser_submit',
        description:
          'Submits the form that contains this element (as pressing Enter in it) and returns the resulting page.',
        input: refInput,
        execute: async ({ ref }, context) => {
          const target = await element(context, ref);
          const page = await pageOf(context);
          await Promise.all([page.waitForEvent('framenavigated'), target.press('Enter')]);
          return read(context);
        },
      }),
      defineTool({
        name: 'browser_back',
        description: 'Goes back to the previous page and returns it.',
        input: z.object({}),
        execute: async (_input, context) => {
          await (await pageOf(context)).goBack({ waitUntil: 'domcontentloaded' });
          return read(context);
        },
      }),
      defineTool({
        name: 'browser_screenshot',
        description: 'Takes a PNG screenshot of the visible page, for a model that reads images (base64).',
        input: z.object({}),
        execute: async (_input, context) => {
          const png = await (await pageOf(context)).screenshot({ type: 'png' });
          return { mediaType: 'image/png', base64: png.toString('base64') };
        },
      }),
    ],
  };
}
