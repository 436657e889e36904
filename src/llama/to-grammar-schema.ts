// Checks a JSON schema against what node-llama-cpp's JSON-schema grammar can enforce and rewrites the
// few equivalent spellings it lacks (anyOf as oneOf, definitions as $defs). A keyword the grammar
// cannot enforce is an error naming it and where it is: silently ignoring `pattern` or `minimum` would
// hand back output that does not match the schema the caller asked for.
import type { GbnfJsonSchema } from 'node-llama-cpp';
import { GantryError } from '../errors/index.js';

/** Keywords that only annotate: dropped without changing what is valid. */
const annotations = new Set([
  'title',
  'description',
  '$schema',
  '$id',
  '$comment',
  'examples',
  'default',
  'readOnly',
  'writeOnly',
  'deprecated',
  'strict',
]);

const allowed: Record<string, Set<string>> = {
  any: new Set(['type', 'enum', 'const', 'oneOf', 'anyOf', '$ref', '$defs', 'definitions']),
  string: new Set(['minLength', 'maxLength', 'format']),
  object: new Set(['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties']),
  array: new Set(['items', 'prefixItems', 'minItems', 'maxItems']),
};
const immutableTypes = new Set(['string', 'number', 'integer', 'boolean', 'null']);
const formats = new Set(['date-time', 'date', 'time']);

export function toGrammarSchema(schema: unknown): GbnfJsonSchema {
  return convert(schema, '#') as GbnfJsonSchema;
}

function convert(schema: unknown, path: string): unknown {
  if (schema === true || (isObject(schema) && Object.keys(schema).length === 0)) {
    // Any JSON value: node-llama-cpp has no "any" schema; a union of every JSON type is the same thing.
    return {
      oneOf: [
        { type: ['string', 'number', 'boolean', 'null'] },
        { type: 'object', additionalProperties: true },
        { type: 'array' },
      ],
    };
  }
  if (!isObject(schema)) unsupported(path, 'a schema that is not an object', 'Give an object schema.');
  const types = Array.isArray(schema.type)
    ? (schema.type as string[])
    : schema.type
      ? [schema.type as string]
      : [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (annotations.has(key)) {
      if (key === 'description' && typeof value === 'string') out.description = value;
      continue;
    }
    const fits =
      allowed.any.has(key) ||
      (types.includes('string') && allowed.string.has(key)) ||
      (types.includes('object') && allowed.object.has(key)) ||
      (types.includes('array') && allowed.array.has(key));
    if (!fits) unsupported(`${path}/${key}`, `the keyword '${key}'`, hintFor(key));
    switch (key) {
      case 'type':
        if (types.length > 1 && types.some((t) => !immutableTypes.has(t))) {
          out.oneOf = types.map((t) => convert(narrowTo(schema, t), path));
          return stripTypeKeywords(out);
        }
        out.type = value;
        break;
      case 'format':
        if (!formats.has(value as string))
          unsupported(
            `${path}/format`,
            `the string format '${String(value)}'`,
            'Supported formats: date-time, date, time.',
          );
        out.format = value;
        break;
      case 'anyOf':
      case 'oneOf':
        out.oneOf = (value as unknown[]).map((s, i) => convert(s, `${path}/${key}/${i}`));
        break;
      case 'properties':
        out.properties = Object.fromEntries(
          Object.entries(value as Record<string, unknown>).map(([name, s]) => [
            name,
            convert(s, `${path}/properties/${name}`),
          ]),
        );
        break;
      case 'additionalProperties':
        out.additionalProperties =
          typeof value === 'boolean' ? value : convert(value, `${path}/additionalProperties`);
        break;
      case 'items':
        out.items = convert(value, `${path}/items`);
        break;
      case 'prefixItems':
        out.prefixItems = (value as unknown[]).map((s, i) => convert(s, `${path}/prefixItems/${i}`));
        break;
      case '$defs':
      case 'definitions':
        out.$defs = {
          ...((out.$defs as object) ?? {}),
          ...Object.fromEntries(
            Object.entries(value as Record<string, unknown>).map(([name, s]) => [
              name,
              convert(s, `${path}/${key}/${name}`),
            ]),
          ),
        };
        break;
      case '$ref': {
        const ref = String(value).replace(/^#\/definitions\//, '#/$defs/');
        if (!ref.startsWith('#/$defs/'))
          unsupported(
            `${path}/$ref`,
            `the reference '${String(value)}'`,
            "Only local references to '#/$defs/<name>' (or '#/definitions/<name>') are supported.",
          );
        out.$ref = ref;
        break;
      }
      default:
        out[key] = value;
    }
  }
  // Listed properties only, unless none are listed: {"type": "object"} alone means any object.
  if (out.type === 'object' && out.additionalProperties === undefined)
    out.additionalProperties = out.properties === undefined;
  return out;
}

/** The part of a multi-type schema that applies to one of its types. */
function narrowTo(schema: Record<string, unknown>, type: string): Record<string, unknown> {
  const own = allowed[type] ?? new Set<string>();
  const keys = Object.keys(schema).filter(
    (k) => own.has(k) || (k !== 'type' && (allowed.any.has(k) || annotations.has(k))),
  );
  return { ...Object.fromEntries(keys.map((k) => [k, schema[k]])), type };
}

function stripTypeKeywords(out: Record<string, unknown>): Record<string, unknown> {
  return out.description ? { oneOf: out.oneOf, description: out.description } : { oneOf: out.oneOf };
}

function hintFor(key: string): string {
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].includes(key))
    return 'Number ranges cannot be enforced by the grammar; use an enum of allowed values, or validate after generation.';
  if (key === 'pattern' || key === 'patternProperties')
    return 'Regular expressions cannot be enforced by the grammar; use an enum, a format (date, time, date-time) or minLength/maxLength.';
  if (key === 'allOf' || key === 'not' || key === 'if')
    return 'Merge the allOf branches into one schema by hand; not and if/then/else have no grammar equivalent.';
  return 'Remove the keyword, or validate the output after generation.';
}

function unsupported(path: string, what: string, hint: string): never {
  throw new GantryError(
    'LLAMA_SCHEMA_UNSUPPORTED',
    `The JSON schema uses ${what} at ${path}, which constrained decoding cannot enforce.`,
    {
      hint,
      details: { path },
    },
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
