// `npm run bench reasoning`: test-time scaling on recorded GSM8K answers, and tree-of-thought search
// on Game of 24. Prints Markdown tables for docs/benchmarks.md. `-- game24` or `-- gsm8k` runs one.
import { runGame24 } from './game-24.js';
import { runGsm8k } from './gsm8k.js';

const only = process.argv.slice(2).find((arg) => arg === 'gsm8k' || arg === 'game24');
if (!only || only === 'gsm8k') await runGsm8k();
if (!only || only === 'game24') await runGame24();
