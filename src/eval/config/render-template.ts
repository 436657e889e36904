// `{{variable}}` templating for prompts: dotted paths into the example, a missing variable is an error
// (a silently empty prompt would score as a model failure).
import { GantryError } from '../../errors/index.js';

export function renderTemplate(template: string, variables: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_match, path: string) => {
    let value: unknown = variables;
    for (const key of path.split('.')) {
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (value === undefined) {
      throw new GantryError(
        'EVAL_TEMPLATE_VARIABLE_MISSING',
        `The prompt template uses {{${path}}} but the example has no '${path}'.`,
        {
          hint: `Add a '${path}' column to the dataset, or fix the template. Available: ${Object.keys(variables).join(', ')}.`,
          details: { variable: path },
        },
      );
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}
