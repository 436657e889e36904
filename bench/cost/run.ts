// `npm run bench cost`: every benchmark file of this folder in turn (route-*.ts, compress-*.ts and any
// other area's files here), each in its own process; data loaders (*-data.ts) are not benchmarks.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(folder)
  .filter(
    (name) =>
      name.endsWith('.ts') && name !== 'run.ts' && !name.endsWith('-data.ts') && !name.endsWith('.test.ts'),
  )
  .sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n--- bench/cost/${file} ---\n`);
  const result = spawnSync(process.execPath, ['bin/run-ts.js', join('bench', 'cost', file)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
