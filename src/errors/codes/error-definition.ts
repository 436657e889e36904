export interface ErrorDefinition {
  /** One sentence: when this error happens. */
  readonly description: string;
  /** Status a server answers with. */
  readonly httpStatus: number;
  /** CLI exit code: 1 for expected failures, 2 for bad usage or configuration, 70 for internal. */
  readonly exitCode: 1 | 2 | 70;
}
