// The simulated customer: a hidden goal, revealed only when the agent asks. Scripted by default (keyword
// rules, seeded phrasing per trial); modelUser() lets a language model play the customer instead.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText, type ModelMessage } from 'ai';
import type { Dice } from './retail-database.js';

/** What the customer says when the conversation is over (τ-bench's marker). */
export const userStop = '###STOP###';

export interface UserGoal {
  intent: 'refund' | 'cancel' | 'exchange';
  /** The hidden goal in words: what a model playing the customer is told. */
  instruction: string;
  name: string;
  email: string;
  zip: string;
  orderId: string;
  itemName?: string;
  /** For exchanges: the option value wanted instead (a size or colour). */
  wantedOption?: string;
  /** Whether the first message names the order and the item (drawn per trial). */
  mentionsOrder: boolean;
  mentionsItem: boolean;
  /** Answer to "do you confirm?". */
  confirms: boolean;
}

export interface SimulatedUser {
  opening(): Promise<string>;
  reply(agentMessage: string): Promise<string>;
}

export type UserFactory = (goal: UserGoal, random: Dice) => SimulatedUser;

function openingOf(goal: UserGoal, random: Dice): string {
  const order = goal.mentionsOrder ? ` from order ${goal.orderId}` : '';
  const item = goal.mentionsItem && goal.itemName ? `the ${goal.itemName}` : 'something I bought';
  switch (goal.intent) {
    case 'refund':
      return random.pick([
        `Hi, I want to return ${item}${order} and get a refund.`,
        `Hello. Could I get my money back for ${item}${order}?`,
      ]);
    case 'cancel':
      return random.pick([
        `Hi, please cancel ${goal.mentionsOrder ? `order ${goal.orderId}` : 'my order'}.`,
        `Hello, I changed my mind and want to cancel ${goal.mentionsOrder ? `my order ${goal.orderId}` : 'an order'}.`,
      ]);
    case 'exchange': {
      const wanted = goal.mentionsItem ? ` for the ${goal.wantedOption} one` : '';
      return random.pick([
        `Hi, I'd like to exchange ${item}${order}${wanted}.`,
        `Hello, can I swap ${item}${order}${wanted}?`,
      ]);
    }
  }
}

/** Keyword rules: answers what it is asked (identity, order, item, variant, confirmation), else restates its goal. */
export function scriptedUser({ maximumTurns = 8 }: { maximumTurns?: number } = {}): UserFactory {
  return (goal, random) => {
    let turns = 0;
    return {
      opening: async () => openingOf(goal, random),
      async reply(agentMessage) {
        const m = agentMessage.toLowerCase();
        const parts: string[] = [];
        if (/e-?mail|zip|identity|verify/.test(m))
          parts.push(`My email is ${goal.email} and my zip code is ${goal.zip}.`);
        if (/order (id|number)|which order|order #/.test(m)) parts.push(`It's order ${goal.orderId}.`);
        if (/which item|which product|what item|which one/.test(m) && goal.itemName)
          parts.push(`The ${goal.itemName}.`);
        if (goal.intent === 'exchange' && /size|colou?r|variant|instead/.test(m) && goal.wantedOption)
          parts.push(`I'd like the ${goal.wantedOption} one instead.`);
        if (/confirm|proceed|shall i|should i|go ahead|\(yes\/no\)|do you want/.test(m))
          parts.push(goal.confirms ? 'Yes, please go ahead.' : "No, please don't.");
        turns++;
        if (parts.length > 0 && turns < maximumTurns) return parts.join(' ');
        if (
          turns >= maximumTurns ||
          /anything else|is there anything|all set|done|cannot|can't|unable|not able/.test(m)
        )
          return `Thanks, that's all. ${userStop}`;
        return `As I said: ${openingOf(goal, random)}`;
      },
    };
  };
}

export interface ModelUserOptions {
  model: LanguageModelV3;
  temperature?: number;
}

/** A language model plays the customer from the goal's instruction, as τ-bench's user simulator does. */
export function modelUser({ model, temperature }: ModelUserOptions): UserFactory {
  return (goal, random) => {
    const system = `You are a customer talking to a store's support agent. Your goal (never reveal it all at once; answer what you are asked): ${goal.instruction}
Your name is ${goal.name}, your email ${goal.email}, your zip code ${goal.zip}, the order ${goal.orderId}.
Write one short message per turn, as the customer. When your request is handled or refused for good, end with ${userStop}.`;
    const messages: ModelMessage[] = [];
    const say = async () => {
      const result = await generateText({ model, system, messages, temperature, maxRetries: 0 });
      messages.push({ role: 'assistant', content: result.text });
      return result.text;
    };
    return {
      async opening() {
        messages.push({ role: 'user', content: 'Hello, how can I help you today?' });
        const text = await say();
        return text || openingOf(goal, random);
      },
      async reply(agentMessage) {
        messages.push({ role: 'user', content: agentMessage });
        return say();
      },
    };
  };
}
