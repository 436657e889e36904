// Child process for test/agent-resume.test.ts: runs (or resumes) an agent whose tools log each
// execution to a file. In 'crash' mode the third step's second tool hangs so the parent can kill -9.
import { appendFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { createAgent } from '../src/agent/index.js';
import { createScriptedModel, type ScriptedResponse } from '../src/model/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { defineTool } from '../src/tool/index.js';

const [databasePath, logPath, mode, runId] = process.argv.slice(2);

const record = defineTool({
  name: 'record',
  description: 'Writes a label to the log (a side effect that must not happen twice).',
  input: z.object({ label: z.string() }),
  execute: ({ label }, { toolCallId }) => {
    appendFileSync(logPath, `${toolCallId} ${label}\n`);
    return `recorded ${label}`;
  },
});
const hang = defineTool({
  name: 'slow_write',
  description: 'Writes a label, slowly.',
  input: z.object({ label: z.string() }),
  execute: async ({ label }, { toolCallId }) => {
    if (mode === 'crash') {
      writeFileSync(`${logPath}.hanging`, 'yes');
      await new Promise(() => {});
    }
    appendFileSync(logPath, `${toolCallId} ${label}\n`);
    return `wrote ${label}`;
  },
});

// The plan is chosen by how many assistant turns the prompt already holds, so that a resumed
// process continues the same script where the checkpoint left it.
const plan: ScriptedResponse[] = [
  { toolCalls: [{ toolName: 'record', input: { label: 'a' }, toolCallId: 'c1' }] },
  {
    toolCalls: [
      { toolName: 'record', input: { label: 'b' }, toolCallId: 'c2' },
      { toolName: 'record', input: { label: 'c' }, toolCallId: 'c3' },
    ],
  },
  {
    toolCalls: [
      { toolName: 'record', input: { label: 'd' }, toolCallId: 'c4' },
      { toolName: 'slow_write', input: { label: 'x' }, toolCallId: 'c5' },
    ],
  },
  { text: 'All five labels written.' },
];
const model = createScriptedModel(
  [(options) => plan[options.prompt.filter((m) => m.role === 'assistant').length]],
  {
    loop: true,
  },
);

const store = openSqliteStore({ path: databasePath });
const agent = createAgent({ name: 'writer', model, tools: [record, hang], store });
const result =
  mode === 'crash' ? await agent.run('Write five labels.', { runId }) : await agent.resume(runId);
process.stdout.write(
  `${JSON.stringify({ text: result.text, stopReason: result.stopReason, steps: result.steps, modelCalls: model.calls.length })}\n`,
);
await store.close();
