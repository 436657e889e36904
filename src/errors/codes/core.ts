import type { ErrorDefinition } from './error-definition.js';

export const coreErrors = {
  CONFIG_INVALID: {
    description: 'The configuration file or a GANTRY_* environment variable failed validation.',
    httpStatus: 500,
    exitCode: 2,
  },
  CONFIG_FILE_UNREADABLE: {
    description: 'The configuration file could not be read or parsed (JSON or YAML syntax).',
    httpStatus: 500,
    exitCode: 2,
  },
  USAGE_INVALID: {
    description: 'A command was called with a missing or invalid argument or flag.',
    httpStatus: 400,
    exitCode: 2,
  },
  FILE_NOT_FOUND: {
    description: 'A file or folder named on the command line or in configuration does not exist.',
    httpStatus: 404,
    exitCode: 1,
  },
  STORE_OPEN_FAILED: {
    description: 'The SQLite database could not be opened or its extensions (sqlite-vec, FTS5) did not load.',
    httpStatus: 500,
    exitCode: 1,
  },
  STORE_MIGRATION_FAILED: {
    description: 'A numbered schema migration failed; it was rolled back and the database is unchanged.',
    httpStatus: 500,
    exitCode: 1,
  },
  NOT_FOUND: {
    description: 'A stored record (trace, run, key...) with the given id does not exist.',
    httpStatus: 404,
    exitCode: 1,
  },
  MODEL_SPEC_INVALID: {
    description: "A model was named in a form other than 'provider:model'.",
    httpStatus: 400,
    exitCode: 2,
  },
  MODEL_PROVIDER_UNKNOWN: {
    description: 'A model named a provider that is neither built in nor configured.',
    httpStatus: 400,
    exitCode: 2,
  },
  MODEL_CALL_FAILED: {
    description: 'A model backend answered with an error or could not be reached.',
    httpStatus: 502,
    exitCode: 1,
  },
  SCRIPTED_MODEL_EXHAUSTED: {
    description: 'A scripted model was called more times than its script has steps.',
    httpStatus: 500,
    exitCode: 70,
  },
  MODEL_SCRIPT_INVALID: {
    description: "A 'script:FILE' model's file is not a valid list of turns (JSON or YAML).",
    httpStatus: 400,
    exitCode: 2,
  },
  SCRIPTED_MODEL_INCOMPLETE: {
    description: 'assertComplete() found script steps that were never consumed.',
    httpStatus: 500,
    exitCode: 70,
  },
  CASSETTE_MISS: {
    description: 'A replayed cassette has no recording for this request (its hash is not in the file).',
    httpStatus: 500,
    exitCode: 1,
  },
  CASSETTE_INVALID: {
    description: 'A cassette file is not valid JSONL of recorded interactions.',
    httpStatus: 500,
    exitCode: 1,
  },
  SERVER_LISTEN_FAILED: {
    description: 'The HTTP server could not listen on the configured host and port.',
    httpStatus: 500,
    exitCode: 1,
  },
  REQUEST_INVALID: {
    description: 'An HTTP request body or parameter is malformed (invalid JSON, wrong field type).',
    httpStatus: 400,
    exitCode: 1,
  },
  REQUEST_TOO_LARGE: {
    description: 'An HTTP request body exceeds the configured size limit.',
    httpStatus: 413,
    exitCode: 1,
  },
  ROUTE_NOT_FOUND: {
    description: 'No HTTP route matches the method and path.',
    httpStatus: 404,
    exitCode: 1,
  },
  INTERNAL: {
    description: 'An unexpected internal failure (a bug): the stack trace is printed.',
    httpStatus: 500,
    exitCode: 70,
  },
} as const satisfies Record<string, ErrorDefinition>;
