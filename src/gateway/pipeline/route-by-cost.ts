// Stage: for a `cost.routes` alias, chooses the route per request. Router mode picks the weak or the
// strong route from the request. Cascade mode asks the weak route first (one or more samples), checks
// the answers (agreement, pattern, logprobs, verifier) and either serves the cheap answer or
// escalates to the strong route, whose cost then includes the cheap calls. The decision and its reason
// go in the x-gantry-route-decision / x-gantry-route-reason headers and the span.
import {
  type CheapSample,
  type CostRoutePlan,
  cascadeVerdict,
  requestText,
  settleCascade,
  skipsCheapTier,
} from '../../cost/index.js';
import { GantryError } from '../../errors/index.js';
import { estimateCost } from '../../model/index.js';
import { callRoute, type Route } from '../routing/index.js';
import { ClientAbort } from '../upstream/index.js';
import { extractUsage } from './extract-usage.js';
import { type GatewayContext, type Stage, sendAnswer, upstreamEndpoint } from './gateway-context.js';

export function routeByCost(
  plans: ReadonlyMap<string, CostRoutePlan>,
  routes: ReadonlyMap<string, Route>,
): Stage {
  return async (context, next) => {
    const plan = plans.get(context.model);
    if (!plan) return next(context);
    const weak = routes.get(plan.weak) as Route;
    const strong = routes.get(plan.strong) as Route;
    const decision = plan.router.decide(context.body);
    // Cascades need whole answers: streams, embeddings and filtered answers take the router's choice.
    const cascade =
      plan.mode === 'cascade' && !context.stream && context.endpoint !== 'embeddings' && !context.filter;
    if (!cascade) {
      const reason =
        plan.mode === 'cascade'
          ? `router (cascade skipped: ${skipWhy(context)}): ${decision.reason}`
          : decision.reason;
      choose(context, decision.tier === 'weak' ? weak : strong, decision.tier, reason, decision.score);
      return next(context);
    }
    const direct = skipsCheapTier(decision.score, plan.policy);
    if (direct) {
      choose(context, strong, 'strong', direct.reason, decision.score);
      return next(context);
    }
    let cheap: CheapAnswers;
    try {
      cheap = await cheapSamples(context, weak, plan.samples);
    } catch (error) {
      // The cheap route failed (after its own fallbacks): the strong route answers instead.
      if (context.abort.aborted) throw error;
      choose(context, strong, 'strong', 'cascade escalated: cheap route failed', decision.score);
      return next(context);
    }
    let verdict = cascadeVerdict(cheap.samples, plan.checks);
    let confidence: number | undefined;
    if (verdict.accept && plan.verify) {
      const chosen = cheap.samples[verdict.chosen] as CheapSample;
      confidence = plan.verify(requestText(context.body), chosen.text);
      if (confidence < plan.minConfidence)
        verdict = {
          ...verdict,
          accept: false,
          reason: `verifier ${confidence.toFixed(3)}<${plan.minConfidence.toFixed(3)}`,
        };
      else verdict = { ...verdict, reason: `${verdict.reason}; verifier ${confidence.toFixed(3)}` };
    }
    const step = settleCascade(verdict, decision.score, plan.policy);
    if (!step.escalate) {
      choose(context, weak, 'weak', `cascade: ${step.reason}`, decision.score, confidence);
      serveCheap(context, cheap, verdict.chosen);
      return;
    }
    choose(context, strong, 'strong', `cascade escalated: ${step.reason}`, decision.score, confidence);
    await next(context);
    // The strong call's cost was set by forward; the cheap calls were paid for too.
    context.costUsd += cheap.costUsd;
  };
}

function skipWhy(context: GatewayContext): string {
  if (context.stream) return 'stream';
  if (context.endpoint === 'embeddings') return 'embeddings';
  return 'response filter';
}

function choose(
  context: GatewayContext,
  route: Route,
  tier: 'weak' | 'strong',
  reason: string,
  score: number | undefined,
  confidence?: number,
): void {
  context.route = route;
  context.responseHeaders = {
    ...context.responseHeaders,
    'x-gantry-route-decision': `${tier}:${route.name}`,
    'x-gantry-route-reason': reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 200),
  };
  context.spanAttributes = {
    ...context.spanAttributes,
    'gantry.cost.route.decision': tier,
    'gantry.cost.route.target': route.name,
    'gantry.cost.route.reason': reason,
    ...(score === undefined ? {} : { 'gantry.cost.route.score': score }),
    ...(confidence === undefined ? {} : { 'gantry.cost.cascade.confidence': confidence }),
  };
}

interface CheapAnswers {
  samples: CheapSample[];
  texts: string[];
  upstream: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  upstreamMs: number;
}

async function cheapSamples(context: GatewayContext, weak: Route, count: number): Promise<CheapAnswers> {
  const started = performance.now();
  // Each sample has its own abort (a ClientAbort cancels one pending request). When one sample fails the
  // cascade escalates, and the others, still in flight, are cancelled rather than paid for and thrown
  // away; a client that goes away cancels them all.
  const aborts = Array.from({ length: count }, () => new ClientAbort());
  const cancelAll = (reason: unknown) => {
    for (const abort of aborts) abort.abort(reason);
  };
  const onClientGone = () => cancelAll(context.abort.reason);
  if (context.abort.aborted) onClientGone();
  else context.abort.once('abort', onClientGone);
  let calls: Awaited<ReturnType<typeof callRoute>>[];
  try {
    calls = await Promise.all(
      aborts.map((signal) =>
        callRoute(weak, {
          endpoint: upstreamEndpoint(context),
          body: context.body,
          stream: false,
          signal,
        }).catch((error: unknown) => {
          cancelAll(error);
          throw error;
        }),
      ),
    );
  } finally {
    context.abort.off('abort', onClientGone);
  }
  const answers: CheapAnswers = {
    samples: [],
    texts: [],
    upstream: calls[0]?.target.upstream.name ?? '',
    model: calls[0]?.target.model ?? '',
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    upstreamMs: performance.now() - started,
  };
  for (const call of calls) {
    if (call.response.kind !== 'json')
      throw new GantryError('INTERNAL', 'a cascade sample came back as a stream');
    const text = call.response.text;
    answers.texts.push(text);
    answers.samples.push(readSample(text));
    const usage = extractUsage(text);
    const inputTokens = usage?.inputTokens ?? 0;
    const outputTokens = usage?.outputTokens ?? 0;
    answers.inputTokens += inputTokens;
    answers.outputTokens += outputTokens;
    answers.costUsd += estimateCost({ model: call.target.model, inputTokens, outputTokens });
  }
  context.upstreamMs += answers.upstreamMs;
  return answers;
}

function readSample(text: string): CheapSample {
  const parsed = JSON.parse(text) as {
    choices?: {
      message?: { content?: string | null };
      text?: string;
      logprobs?: { content?: { logprob?: number }[] };
    }[];
  };
  const choice = parsed.choices?.[0];
  const content = choice?.message?.content ?? choice?.text ?? '';
  const logprobs = choice?.logprobs?.content
    ?.map((t) => t.logprob)
    .filter((v): v is number => typeof v === 'number');
  const meanLogprob =
    logprobs && logprobs.length > 0 ? logprobs.reduce((a, b) => a + b, 0) / logprobs.length : undefined;
  return { text: typeof content === 'string' ? content : '', meanLogprob };
}

function serveCheap(context: GatewayContext, cheap: CheapAnswers, chosen: number): void {
  context.upstream = cheap.upstream;
  context.upstreamModel = cheap.model;
  context.inputTokens = cheap.inputTokens;
  context.outputTokens = cheap.outputTokens;
  context.usageSource = 'upstream';
  context.costUsd = cheap.costUsd;
  context.status = 200;
  const text = cheap.texts[chosen] as string;
  context.responseText = text;
  sendAnswer(context, 200, text);
}
