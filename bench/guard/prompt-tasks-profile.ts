// `node --cpu-prof --import tsx bench/guard/prompt-tasks-profile.ts`: a loop over the latency bench's
// 1 KB texts calling only the prompt-task scan (scorePromptTasks, caches cleared per call), for a CPU
// profile of that part of the policy. PROFILE_SECONDS (default 20) of calls after two warm-up passes.
import * as guard from '../../src/guard/index.js';
import { latencyTexts } from './latency-texts.js';

const texts = latencyTexts();
const run = () => {
  for (const text of texts) {
    guard.clearPromptTaskCache();
    guard.scorePromptTasks(text);
  }
};
for (let pass = 0; pass < 2; pass++) run();
const seconds = Number(process.env.PROFILE_SECONDS ?? 20);
const end = Date.now() + seconds * 1000;
let calls = 0;
const start = process.cpuUsage();
while (Date.now() < end) {
  run();
  calls += texts.length;
}
const used = process.cpuUsage(start);
console.log(`${calls} calls, CPU ${((used.user + used.system) / calls).toFixed(0)} µs per 1 KB call`);
