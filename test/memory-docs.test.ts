// The examples of docs/memory.md, run as written; what they print must be exactly the expected lines.
import { describeDocsExamples } from './docs-examples.js';

describeDocsExamples({ page: 'memory.md', match: 'exact', timeoutMs: 120_000 });
