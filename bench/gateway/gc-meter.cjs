// Preloaded by bench/gateway/gc-cost.ts (`node --require bench/gateway/gc-meter.cjs ...`): sums the
// process's garbage-collection pauses by kind (PerformanceObserver 'gc' entries) and, on SIGUSR2,
// writes the totals so far to the file named by GC_METER_FILE (synchronously), with the young
// generation's size (new_space) from v8.getHeapSpaceStatistics().
const { PerformanceObserver, constants } = require('node:perf_hooks');
const { writeFileSync } = require('node:fs');
const v8 = require('node:v8');

const totals = { minorMs: 0, minor: 0, majorMs: 0, major: 0, otherMs: 0, other: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = entry.detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      totals.minorMs += entry.duration;
      totals.minor++;
    } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      totals.majorMs += entry.duration;
      totals.major++;
    } else {
      totals.otherMs += entry.duration;
      totals.other++;
    }
  }
}).observe({ entryTypes: ['gc'] });

process.on('SIGUSR2', () => {
  const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  writeFileSync(
    process.env.GC_METER_FILE ?? `/tmp/gc-meter-${process.pid}.json`,
    JSON.stringify({ ...totals, newSpaceBytes: young?.space_size ?? 0, rssBytes: process.memoryUsage().rss }),
  );
});
