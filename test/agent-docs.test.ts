// The examples of docs/agents.md that run on the scripted model, run as written.
import { describeDocsExamples } from './docs-examples.js';

describeDocsExamples({ page: 'agents.md', filter: /createScriptedModel|parseToolCalls\(/, minimum: 5 });
