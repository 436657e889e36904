// A batch input file (JSONL) checked line by line: each line a request to the batch's endpoint with a
// unique custom_id and a body naming a model. Problems are collected (up to a few), not thrown: a
// batch with a bad input is created as failed, with its errors, as OpenAI's API does.

export interface BatchLine {
  line: number;
  customId: string;
  request: string;
}

export interface BatchInputError {
  code: string;
  message: string;
  line?: number;
}

const maximumErrors = 10;

export function parseBatchInput(
  content: Buffer,
  endpoint: string,
  maximumLines: number,
): { lines: BatchLine[]; errors: BatchInputError[] } {
  const lines: BatchLine[] = [];
  const errors: BatchInputError[] = [];
  const seen = new Set<string>();
  const texts = content.toString('utf8').split('\n');
  for (let index = 0; index < texts.length && errors.length < maximumErrors; index++) {
    const text = texts[index].trim();
    if (text.length === 0) continue;
    const line = index + 1;
    if (lines.length >= maximumLines) {
      errors.push({
        code: 'too_many_lines',
        message: `The input has more than ${maximumLines} requests.`,
        line,
      });
      break;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      errors.push({ code: 'invalid_json_line', message: 'This line is not valid JSON.', line });
      continue;
    }
    const entry = parsed as { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      errors.push({ code: 'invalid_request', message: 'Each line must be a JSON object.', line });
    } else if (typeof entry.custom_id !== 'string' || entry.custom_id.length === 0) {
      errors.push({ code: 'missing_custom_id', message: "Each line needs a string 'custom_id'.", line });
    } else if (seen.has(entry.custom_id)) {
      errors.push({
        code: 'duplicate_custom_id',
        message: `The custom_id '${entry.custom_id.slice(0, 64)}' appears twice.`,
        line,
      });
    } else if (entry.method !== 'POST') {
      errors.push({ code: 'invalid_method', message: "'method' must be POST.", line });
    } else if (entry.url !== endpoint) {
      errors.push({
        code: 'mismatched_endpoint',
        message: `'url' must be the batch's endpoint, ${endpoint}.`,
        line,
      });
    } else if (
      typeof entry.body !== 'object' ||
      entry.body === null ||
      typeof (entry.body as { model?: unknown }).model !== 'string'
    ) {
      errors.push({ code: 'invalid_request', message: "'body' must be an object with a 'model'.", line });
    } else if ((entry.body as { stream?: unknown }).stream === true) {
      errors.push({ code: 'invalid_request', message: 'Batch requests cannot be streamed.', line });
    } else {
      seen.add(entry.custom_id);
      lines.push({ line: lines.length, customId: entry.custom_id, request: JSON.stringify(entry.body) });
    }
  }
  if (lines.length === 0 && errors.length === 0)
    errors.push({ code: 'empty_file', message: 'The input file has no requests.' });
  return { lines, errors };
}
