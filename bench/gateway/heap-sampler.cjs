// Preloaded by bench/gateway/alloc-sites.ts (`node --require bench/gateway/heap-sampler.cjs ...`): the
// first SIGUSR2 starts V8's sampling heap profiler with the objects that garbage collections freed kept
// in the profile (so it counts what was allocated, not what is still alive), every HEAP_INTERVAL bytes
// (256); the second stops it and writes the profile to HEAP_OUT.
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');

const session = new inspector.Session();
session.connect();
let sampling = false;
process.on('SIGUSR2', () => {
  if (!sampling) {
    sampling = true;
    session.post('HeapProfiler.startSampling', {
      samplingInterval: Number(process.env.HEAP_INTERVAL ?? 256),
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    return;
  }
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) process.stderr.write(`heap-sampler: ${error.message}\n`);
    else
      writeFileSync(process.env.HEAP_OUT ?? `/tmp/heap-${process.pid}.json`, JSON.stringify(result.profile));
  });
});
