// `node bin/run-ts.js bench/agent/browser.ts`: the browser tool's page-to-Markdown time (snapshotPage:
// walk the DOM, assign element references, build Markdown) on a web-shop results page and a product
// page, after the page has loaded; and one navigation (request through the address policy + load).

import { generateCatalogue, startWebShopServer } from '../../src/eval/environments/webshop/index.js';
import { createBrowserSession, snapshotPage } from '../../src/tool/index.js';

const reads = Number(process.env.BENCH_READS ?? 50);
const products = generateCatalogue({ seed: 3, size: 200 });
const shop = await startWebShopServer(products);
const session = createBrowserSession({ allowHosts: ['127.0.0.1'], timeoutMs: 60_000 });
const page = await session.page('bench');
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(
  '| Page | Characters of Markdown | Elements | Navigation ms (median of 5) | Page-to-Markdown ms (median of ' +
    reads +
    ') |',
);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [label, path] of [
  [
    'search results (10 products)',
    `/s/bench/search?q=${encodeURIComponent(products[0].title.split(' ').slice(0, 2).join(' '))}`,
  ],
  ['product page with options', `/s/bench/item/${products[0].asin}`],
] as const) {
  const navigations: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await page.goto(`${shop.url}${path}`, { waitUntil: 'domcontentloaded' });
    navigations.push(performance.now() - start);
  }
  const times: number[] = [];
  let snapshot = await snapshotPage(page, 20_000);
  for (let i = 0; i < reads; i++) {
    const start = performance.now();
    snapshot = await snapshotPage(page, 20_000);
    times.push(performance.now() - start);
  }
  const elements = (snapshot.markdown.match(/\]\(e\d+\)/g) ?? []).length;
  console.log(
    `| ${label} | ${snapshot.markdown.length} | ${elements} | ${median(navigations).toFixed(1)} | ${median(times).toFixed(2)} |`,
  );
}
await session.close();
await shop.close();
