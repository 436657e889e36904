// Turns a validated eval file into what the runner needs: a target, examples and scorers. Models
// are resolved by name through the model layer (or an injected resolver, for tests).
import { dirname, isAbsolute, resolve } from 'node:path';
import type { EmbeddingModelV3, LanguageModelV3 } from '@ai-sdk/provider';
import { createAgent } from '../../agent/index.js';
import type { GantryConfig } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';
import { resolveEmbeddingModel, resolveModel } from '../../model/index.js';
import { agentPolicy } from '../environments/agent-policy.js';
import type { EnvironmentPolicy } from '../environments/environment-policy.js';
import { heuristicResearchPolicy } from '../environments/research/heuristic-research-policy.js';
import { researchEnvironment } from '../environments/research/research-environment.js';
import { carefulShopPolicy } from '../environments/webshop/careful-shop-policy.js';
import { heuristicShopPolicy } from '../environments/webshop/heuristic-shop-policy.js';
import { webShopEnvironment } from '../environments/webshop/webshop-environment.js';
import { stableStringify } from '../runner/cache-key.js';
import { agentTarget } from '../targets/agent-target.js';
import { httpTarget } from '../targets/http-target.js';
import { modelTarget } from '../targets/model-target.js';
import { shellTarget } from '../targets/shell-target.js';
import type { EvalExample, Scorer, Target } from '../types.js';
import { createScorer } from './create-scorer.js';
import type { EvalFile } from './eval-file.js';
import { loadDataset, rowsToExamples } from './load-dataset.js';
import { loadResearchTasks } from './load-research-tasks.js';

export interface BuildEvalOptions {
  /** The eval file's path: datasets are resolved against its folder. */
  file?: string;
  config?: Pick<GantryConfig, 'providers' | 'models' | 'eval'>;
  languageModel?: (spec: string) => LanguageModelV3;
  embeddingModel?: (spec: string) => EmbeddingModelV3;
}

export interface BuiltEval {
  name: string;
  target: Target;
  examples: EvalExample[];
  scorers: Scorer[];
  close(): Promise<void>;
}

export function buildEval(evalFile: EvalFile, options: BuildEvalOptions = {}): BuiltEval {
  const built = buildParts(evalFile, options);
  // The eval file's target block identifies it for the cache (policy, model, seed...); a target's
  // own fingerprint (the shell script's contents) is kept and extended.
  const fingerprint = stableStringify({ target: evalFile.target, own: built.target.fingerprint ?? null });
  return { ...built, target: { name: built.target.name, run: built.target.run, fingerprint } };
}

function buildParts(evalFile: EvalFile, options: BuildEvalOptions): BuiltEval {
  const baseDir = options.file ? dirname(resolve(options.file)) : process.cwd();
  const languageModel =
    options.languageModel ?? ((spec: string) => resolveModel(spec, { config: options.config }));
  const embeddingModel =
    options.embeddingModel ?? ((spec: string) => resolveEmbeddingModel(spec, { config: options.config }));
  const judgeModel = evalFile.judge?.model ?? options.config?.eval.judgeModel;
  const scorers = evalFile.scorers.map((s) => createScorer(s, { languageModel, embeddingModel, judgeModel }));
  const t = evalFile.target;
  const policyOf = (
    policy: {
      kind: 'heuristic' | 'careful' | 'model';
      model?: string;
      system?: string;
      maximumSteps: number;
    },
    heuristic: () => EnvironmentPolicy,
    careful?: () => EnvironmentPolicy,
  ) => {
    if (policy.kind === 'heuristic') return heuristic();
    if (policy.kind === 'careful') {
      if (careful) return careful();
      throw new GantryError(
        'EVAL_FILE_INVALID',
        `target.policy.kind 'careful' exists only for the web shop, not for target kind '${t.kind}'.`,
        { hint: "Use policy: { kind: heuristic } or { kind: model, model: '…' } for this target." },
      );
    }
    if (!policy.model) {
      throw new GantryError(
        'EVAL_FILE_INVALID',
        'target.policy.kind is model but target.policy.model is missing.',
        {
          hint: "Name the model, e.g. policy: { kind: model, model: 'openai:gpt-4o-mini' }.",
        },
      );
    }
    return agentPolicy({
      model: languageModel(policy.model),
      modelName: policy.model,
      instructions: policy.system,
      limits: { steps: policy.maximumSteps },
    });
  };
  const datasetExamples = (): EvalExample[] => {
    if (evalFile.examples) return rowsToExamples(evalFile.examples, `${evalFile.name} (inline examples)`);
    if (!evalFile.dataset) {
      throw new GantryError(
        'EVAL_FILE_INVALID',
        `The eval file for '${evalFile.name}' has neither a dataset nor examples.`,
        {
          hint: 'Add `dataset: path/to/file.jsonl` or an inline `examples:` list.',
        },
      );
    }
    const spec = typeof evalFile.dataset === 'string' ? { path: evalFile.dataset } : evalFile.dataset;
    return loadDataset(isAbsolute(spec.path) ? spec.path : resolve(baseDir, spec.path), spec);
  };
  const noClose = async () => {};
  switch (t.kind) {
    case 'model':
      return {
        name: evalFile.name,
        scorers,
        examples: datasetExamples(),
        close: noClose,
        target: modelTarget({
          model: languageModel(t.model),
          modelName: t.model,
          prompt: t.prompt,
          system: t.system,
          temperature: t.temperature,
          maxOutputTokens: t.maxOutputTokens,
        }),
      };
    case 'http':
      return {
        name: evalFile.name,
        scorers,
        examples: datasetExamples(),
        close: noClose,
        target: httpTarget(t),
      };
    case 'shell':
      return {
        name: evalFile.name,
        scorers,
        examples: datasetExamples(),
        close: noClose,
        target: shellTarget({ command: t.command, cwd: t.cwd ?? baseDir }),
      };
    case 'agent': {
      const agent = createAgent({
        name: evalFile.name,
        model: languageModel(t.model),
        modelName: t.model,
        instructions: t.instructions,
        limits: { steps: t.maximumSteps },
      });
      return {
        name: evalFile.name,
        scorers,
        examples: datasetExamples(),
        close: noClose,
        target: agentTarget(agent),
      };
    }
    case 'webshop': {
      const env = webShopEnvironment({
        seed: t.seed,
        catalogueSize: t.catalogueSize,
        taskCount: t.taskCount,
        decoys: t.decoys,
      });
      return {
        name: evalFile.name,
        scorers,
        examples: env.examples(),
        close: () => env.close(),
        target: env.target(policyOf(t.policy, heuristicShopPolicy, carefulShopPolicy)),
      };
    }
    case 'research': {
      const tasks = t.tasks
        ? loadResearchTasks(isAbsolute(t.tasks) ? t.tasks : resolve(baseDir, t.tasks))
        : undefined;
      const env = researchEnvironment({
        collection: t.collection,
        root: t.root && resolve(baseDir, t.root),
        taskCount: t.taskCount,
        tasks,
      });
      return {
        name: evalFile.name,
        scorers,
        examples: env.examples(),
        close: noClose,
        target: env.target(policyOf(t.policy, heuristicResearchPolicy)),
      };
    }
  }
}
