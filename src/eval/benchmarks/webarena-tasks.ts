// WebArena's task configs (config_files/*.json or test.raw.json: task_id, intent, start_url, eval {
// eval_types, reference_answers, reference_url, program_html, string_note, url_note }), checked so a
// malformed task fails at load with its location instead of scoring 0 later.
import type { BenchmarkTask } from './benchmark-task.js';
import { requireString, type TaskRecord, taskFileError } from './read-task-file.js';

const evalTypes = new Set(['string_match', 'url_match', 'program_html']);

export function webArenaTasks(records: readonly TaskRecord[], file: string): BenchmarkTask[] {
  return records.map((record) => {
    const intent = requireString(record, file, 'intent', 'WebArena');
    const fail = (problem: string, hint: string) => taskFileError(file, record.location, problem, hint);
    const evaluation = record.data.eval as Record<string, unknown> | undefined;
    if (!evaluation || typeof evaluation !== 'object')
      throw fail(
        "the WebArena task has no 'eval' object.",
        "Give 'eval': { eval_types, reference_answers, ... }.",
      );
    const types = evaluation.eval_types;
    if (!Array.isArray(types) || types.length === 0)
      throw fail(
        "'eval.eval_types' is not a non-empty list.",
        'List string_match, url_match and/or program_html.',
      );
    for (const type of types) {
      if (!evalTypes.has(type))
        throw fail(
          `eval type '${type}' is not supported.`,
          'WebArena defines string_match, url_match and program_html.',
        );
    }
    if (types.includes('string_match')) {
      const answers = evaluation.reference_answers;
      if (!answers || typeof answers !== 'object' || Array.isArray(answers))
        throw fail(
          "string_match needs 'eval.reference_answers' as an object.",
          'E.g. { "must_include": ["Quest Lumaflex Band"] }.',
        );
      for (const [approach, value] of Object.entries(answers)) {
        const ok =
          approach === 'exact_match'
            ? typeof value === 'string'
            : approach === 'must_include'
              ? Array.isArray(value) && value.every((v) => typeof v === 'string')
              : approach === 'fuzzy_match'
                ? value === 'N/A' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))
                : false;
        if (!ok)
          throw fail(
            `reference_answers.${approach} is ${JSON.stringify(value)}.`,
            'exact_match takes a string, must_include a list of strings, fuzzy_match a list of strings or "N/A".',
          );
      }
    }
    if (types.includes('url_match') && typeof evaluation.reference_url !== 'string')
      throw fail(
        "url_match needs 'eval.reference_url' (a string; alternatives joined by ' |OR| ').",
        'Add the URL.',
      );
    if (types.includes('program_html')) {
      const targets = evaluation.program_html;
      const valid =
        Array.isArray(targets) &&
        targets.every(
          (t) =>
            t &&
            typeof t.url === 'string' &&
            typeof t.locator === 'string' &&
            t.required_contents &&
            ('exact_match' in t.required_contents || 'must_include' in t.required_contents),
        );
      if (!valid)
        throw fail(
          "program_html needs 'eval.program_html': a list of { url, locator, required_contents: { exact_match | must_include } }.",
          "Copy the task's program_html block from WebArena's config files.",
        );
    }
    const start = typeof record.data.start_url === 'string' ? record.data.start_url : '';
    const id = record.data.task_id;
    return {
      format: 'webarena',
      id:
        typeof id === 'number' || typeof id === 'string'
          ? `webarena-${id}`
          : record.location.replace(' ', '-'),
      prompt: `${intent}${start ? `\n\nStart at: ${start}` : ''}\n\nWhen you are done, reply with the answer only (or N/A if the task cannot be done).`,
      location: record.location,
      reference: { intent, eval: evaluation },
    };
  });
}
