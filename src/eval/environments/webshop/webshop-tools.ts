// The agent's tools for the web shop, bound to one session. They speak HTTP to the shop like a browser
// would, and record each call in the trajectory. Shape: Gantry's tool ({ name, description, input, execute }).
import { z } from 'zod';
import type { TrajectoryStep } from '../../types.js';

export interface EnvironmentTool<Input = unknown> {
  name: string;
  description: string;
  input: z.ZodType<Input>;
  execute(input: Input): Promise<unknown>;
}

export function recordTools(tools: EnvironmentTool[], trajectory: TrajectoryStep[]): EnvironmentTool[] {
  return tools.map((tool) => ({
    ...tool,
    async execute(input: unknown) {
      const step: TrajectoryStep = {
        kind: 'tool-call',
        toolCall: { toolName: tool.name, input },
        at: Date.now(),
      };
      trajectory.push(step);
      try {
        const output = await tool.execute(input);
        step.toolCall!.output = output;
        return output;
      } catch (error) {
        step.toolCall!.output = { error: (error as Error).message };
        throw error;
      }
    },
  }));
}

export function webShopTools(shopUrl: string, sessionId: string): EnvironmentTool[] {
  const get = async (path: string): Promise<Record<string, unknown>> => {
    const response = await fetch(`${shopUrl}/s/${sessionId}/${path}`, {
      headers: { accept: 'application/json' },
    });
    return (await response.json()) as Record<string, unknown>;
  };
  return [
    {
      name: 'search',
      description: 'Search the shop. Returns up to 10 products (asin, title, price) per page.',
      input: z.object({ query: z.string(), page: z.number().int().min(1).optional() }),
      execute: ({ query, page }: { query: string; page?: number }) =>
        get(`search?${new URLSearchParams({ q: query, page: String(page ?? 1) })}`),
    },
    {
      name: 'open_product',
      description: 'Open a product page: title, price, description, attributes and the available options.',
      input: z.object({ asin: z.string() }),
      execute: ({ asin }: { asin: string }) => get(`item/${encodeURIComponent(asin)}`),
    },
    {
      name: 'buy',
      description:
        'Put a product with the chosen options (e.g. {"size": "9", "color": "black"}) in the cart and check out.',
      input: z.object({ asin: z.string(), options: z.record(z.string(), z.string()).default({}) }),
      execute: async ({ asin, options }: { asin: string; options: Record<string, string> }) => {
        const added = await get(`cart/add/${encodeURIComponent(asin)}?${new URLSearchParams(options)}`);
        if (added.error) return added;
        return get('checkout');
      },
    },
  ] as EnvironmentTool[];
}
