// What the parser reads from a tool's JSON Schema: its property names in order, and their types.

export interface SchemaView {
  keys: string[];
  required: string[];
  typeOf(key: string): string | undefined;
}

export function schemaView(schema: unknown): SchemaView {
  const object = (schema ?? {}) as { properties?: Record<string, { type?: unknown }>; required?: unknown };
  const properties = object.properties && typeof object.properties === 'object' ? object.properties : {};
  const required = Array.isArray(object.required) ? object.required.filter((k) => typeof k === 'string') : [];
  return {
    keys: Object.keys(properties),
    required,
    typeOf(key) {
      const type = properties[key]?.type;
      if (typeof type === 'string') return type;
      if (Array.isArray(type)) return type.find((t) => t !== 'null');
      return undefined;
    },
  };
}

/** The one parameter a bare value can belong to: the only property, or the only required one. */
export function singleParameter(schema: unknown): string | undefined {
  const view = schemaView(schema);
  if (view.keys.length === 1) return view.keys[0];
  if (view.required.length === 1) return view.required[0];
  return undefined;
}
