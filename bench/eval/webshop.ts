// The web shop's spread: mean WebShop reward of the naive heuristic policy and the careful scripted
// policy on the same seeded tasks, without and with near-miss decoys.
// `node bin/run-ts.js bench/eval/webshop.ts` (WEBSHOP_SEED, WEBSHOP_PRODUCTS, WEBSHOP_TASKS to change).
import {
  carefulShopPolicy,
  type EnvironmentPolicy,
  heuristicShopPolicy,
  runEval,
  taskSuccess,
  webShopEnvironment,
} from '../../src/eval/index.js';

const seed = Number(process.env.WEBSHOP_SEED ?? 1);
const catalogueSize = Number(process.env.WEBSHOP_PRODUCTS ?? 2000);
const taskCount = Number(process.env.WEBSHOP_TASKS ?? 50);

async function measure(policy: EnvironmentPolicy, decoys: boolean) {
  const env = webShopEnvironment({ seed, catalogueSize, taskCount, decoys });
  const started = performance.now();
  try {
    const run = await runEval({
      target: env.target(policy),
      examples: env.examples(),
      scorers: [taskSuccess({ threshold: 1 })],
      concurrency: 4,
      cache: false,
    });
    const rewards = run.results.map((r) => Number(r.output?.metadata?.reward ?? 0));
    const steps = run.results.map(
      (r) => r.output?.trajectory?.filter((s) => s.kind === 'tool-call').length ?? 0,
    );
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      mean: mean(rewards),
      perfect: rewards.filter((r) => r === 1).length / rewards.length,
      steps: mean(steps),
      ms: performance.now() - started,
      errors: run.summary.errors,
    };
  } finally {
    await env.close();
  }
}

console.log(`seed ${seed}, ${catalogueSize} products, ${taskCount} tasks`);
console.log('| Policy | Decoys | Mean reward | Reward = 1 | Tool calls / task | Wall ms |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const decoys of [false, true]) {
  for (const [name, policy] of [
    ['heuristic', heuristicShopPolicy()],
    ['careful', carefulShopPolicy()],
  ] as const) {
    const m = await measure(policy, decoys);
    console.log(
      `| ${name} | ${decoys ? 'yes' : 'no'} | ${m.mean.toFixed(3)} | ${(m.perfect * 100).toFixed(0)} % | ${m.steps.toFixed(1)} | ${m.ms.toFixed(0)} |${m.errors ? ` ${m.errors} errors` : ''}`,
    );
  }
}
