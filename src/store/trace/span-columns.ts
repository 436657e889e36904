// The attributes every gateway and model span carries, stored as typed columns of the spans table
// (migration 10) instead of inside its JSON: a gateway span then writes '{}' for its attributes and
// no JSON.stringify at all. Only a value of the column's type goes to the column; anything else
// (and every other attribute) stays in the JSON, so a span reads back exactly as it was written.

type ColumnType = 'text' | 'number' | 'boolean';

/** [attribute name, column, type], in column order. */
export const spanColumns: readonly (readonly [string, string, ColumnType])[] = [
  ['gen_ai.operation.name', 'a_operation', 'text'],
  ['gen_ai.request.model', 'a_request_model', 'text'],
  ['gen_ai.response.model', 'a_response_model', 'text'],
  ['gen_ai.usage.input_tokens', 'a_input_tokens', 'number'],
  ['gen_ai.usage.output_tokens', 'a_output_tokens', 'number'],
  ['gantry.cost.usd', 'a_cost_usd', 'number'],
  ['gantry.gateway.upstream', 'a_upstream', 'text'],
  ['gantry.gateway.cached', 'a_cached', 'boolean'],
  ['gantry.gateway.stream', 'a_stream', 'boolean'],
  ['http.response.status_code', 'a_http_status', 'number'],
];

const indexOf = new Map(spanColumns.map(([name, , type], i) => [name, { i, type }]));
const columnNames = spanColumns.map(([, column]) => column);

/** The column names, comma-separated, for INSERT and SELECT lists. */
export const spanColumnList = columnNames.join(', ');

/**
 * Writes the typed attributes into `into` from `at` (null where absent; booleans as 0/1) and returns
 * the JSON of the rest ('{}' when nothing is left).
 */
export function splitAttributes(attributes: Record<string, unknown>, into: unknown[], at: number): string {
  for (let i = 0; i < spanColumns.length; i++) into[at + i] = null;
  let rest: Record<string, unknown> | undefined;
  for (const key in attributes) {
    const value = attributes[key];
    const column = indexOf.get(key);
    if (column && typeof value === column.type) {
      into[at + column.i] = column.type === 'boolean' ? (value ? 1 : 0) : value;
    } else {
      rest ??= {};
      rest[key] = value;
    }
  }
  return rest === undefined ? '{}' : JSON.stringify(rest);
}

/** The attributes of a row: its JSON, plus each typed column that holds a value. */
export function joinAttributes(json: string, row: Record<string, unknown>): Record<string, unknown> {
  const attributes = JSON.parse(json) as Record<string, unknown>;
  for (const [name, column, type] of spanColumns) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    attributes[name] =
      type === 'boolean' ? value === 1 || value === true : type === 'number' ? Number(value) : value;
  }
  return attributes;
}
