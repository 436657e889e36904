// The one top-level handler: expected errors print one clear line (exit 1 or 2); anything else is a
// bug and prints its stack (exit 70).
import { GantryError } from '../errors/index.js';

export function exitCodeFor(error: unknown, stderr: NodeJS.WritableStream): number {
  if (GantryError.isInstance(error) && error.exitCode !== 70) {
    stderr.write(`gantry: error[${error.code}]: ${error.toDisplayString()}\n`);
    return error.exitCode;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stderr.write(`gantry: internal error (please report it):\n${stack}\n`);
  return 70;
}
