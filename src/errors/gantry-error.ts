// The one base error of Gantry: a stable catalogue code, typed details, and a marker that
// survives duplicate copies of the package (instanceof does not).
import { type ErrorCode, errorCatalogue } from './catalogue.js';

const marker = Symbol.for('gantry.error');

export interface GantryErrorOptions {
  /** What the user can do about it; printed after the message. */
  hint?: string;
  /** Structured facts (field path, file, limit...) for programs and logs. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class GantryError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: GantryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GantryError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? {};
  }

  /** HTTP status a server answers with for this error. */
  get httpStatus(): number {
    return errorCatalogue[this.code].httpStatus;
  }

  /** Process exit code the CLI uses for this error (1 or 2: expected; 70: internal). */
  get exitCode(): number {
    return errorCatalogue[this.code].exitCode;
  }

  /** One line for people: message, then what to do. */
  toDisplayString(): string {
    return this.hint ? `${this.message}\n  → ${this.hint}` : this.message;
  }

  static isInstance(error: unknown): error is GantryError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
