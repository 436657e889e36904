// `npm run bench [area...]`: runs bench/<area>/run.ts for each area (all areas when none is named),
// one at a time, each in its own process so that one benchmark's heap does not skew the next.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchRoot = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(benchRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(benchRoot, entry.name, 'run.ts')))
  .map((entry) => entry.name)
  .sort();
const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}
let failed = 0;
for (const area of requested.length > 0 ? requested : available) {
  process.stdout.write(`\n=== bench/${area} ===\n`);
  const result = spawnSync(process.execPath, ['bin/run-ts.js', join('bench', area, 'run.ts')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
