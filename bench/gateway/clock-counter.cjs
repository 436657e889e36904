// Preloaded by bench/gateway/alloc-sites.ts with CLOCKS=1: counts the process's Date.now() and
// performance.now() calls (each is a clock read, ~0.13–0.2 µs on the bench VMs); on SIGUSR2 writes
// the counts so far to CLOCK_OUT.
const { writeFileSync } = require('node:fs');

const counts = { dateNow: 0, performanceNow: 0 };
const dateNow = Date.now;
Date.now = function now() {
  counts.dateNow++;
  return dateNow();
};
const performanceNow = performance.now.bind(performance);
performance.now = function now() {
  counts.performanceNow++;
  return performanceNow();
};
process.on('SIGUSR2', () => {
  writeFileSync(process.env.CLOCK_OUT ?? `/tmp/clocks-${process.pid}.json`, JSON.stringify(counts));
});
