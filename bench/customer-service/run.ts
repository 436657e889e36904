// The customer-service environment's spread: the naive and the careful scripted policies over every
// task, `trials` trials each, with pass^1 and pass^k. No model; deterministic for a given seed.
import {
  carefulSupportPolicy,
  customerServiceEnvironment,
  naiveSupportPolicy,
  runEval,
  taskSuccess,
} from '../../src/eval/index.js';

const trials = Number(process.env.TRIALS ?? 8);
const environment = customerServiceEnvironment({ seed: Number(process.env.SEED ?? 0) });
const policies = { naive: naiveSupportPolicy(), careful: carefulSupportPolicy() };
const rows: string[] = [];
for (const [name, policy] of Object.entries(policies)) {
  const started = performance.now();
  const run = await runEval({
    target: environment.target(policy, `customer-service:${name}`),
    examples: environment.examples(),
    scorers: [taskSuccess()],
    repeat: trials,
    concurrency: 1,
  });
  const ms = performance.now() - started;
  const perTask = environment.tasks.map((task) => {
    const passed = run.results.filter(
      (r) => r.exampleId === task.id && r.scores['task-success']?.pass,
    ).length;
    return `${task.id} ${passed}/${trials}`;
  });
  const hat = run.summary.passHatK ?? {};
  rows.push(
    `${name.padEnd(8)} pass^1 ${hat[1]?.toFixed(3)}  pass^2 ${hat[2]?.toFixed(3)}  pass^4 ${hat[4]?.toFixed(3)}  pass^${trials} ${hat[trials]?.toFixed(3)}  (${run.summary.results} conversations, ${ms.toFixed(0)} ms)\n         ${perTask.join(', ')}`,
  );
}
process.stdout.write(
  `customer-service: ${environment.tasks.length} tasks × ${trials} trials\n${rows.join('\n')}\n`,
);
