// `npm run bench reasoning`: test-time scaling on recorded GSM8K answers, and tree-of-thought search
// on Game of 24. Prints Markdown tables for docs/benchmarks.md.
import { runGsm8k } from './gsm8k.js';

await runGsm8k();
