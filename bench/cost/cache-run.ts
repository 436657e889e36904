// The caching part of bench/cost: semantic-cache false hits on qqp-dev, lookup overhead at 100k
// entries, and prefix affinity on simulated replicas. `node bin/run-ts.js bench/cost/cache-run.ts`
await import('./cache-qqp.js');
await import('./cache-lookup.js');
await import('./cache-affinity.js');
