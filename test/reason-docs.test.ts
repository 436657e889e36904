// The examples of docs/reasoning.md that run on the scripted model, run as written.
import { describeDocsExamples } from './docs-examples.js';

describeDocsExamples({ page: 'reasoning.md', filter: /createScriptedModel/, minimum: 10 });
