/** The one error base of ztmm. `code` is stable; the CLI prints `message` in one line. */
export type ZtmmErrorCode =
  | 'E_USAGE'
  | 'E_CONFIG'
  | 'E_RULEPACK_PARSE'
  | 'E_RULEPACK_SCHEMA'
  | 'E_RULEPACK_DUPLICATE'
  | 'E_RULEPACK_PATTERN'
  | 'E_RULEPACK_UNREADABLE'
  | 'E_ROOT_UNREADABLE'
  | 'E_UNKNOWN_RULE'
  | 'E_OUTPUT'
  | 'E_RESULT';

export class ZtmmError extends Error {
  readonly code: ZtmmErrorCode;
  constructor(code: ZtmmErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ZtmmError';
    this.code = code;
  }
}

export function isZtmmError(error: unknown): error is ZtmmError {
  return error instanceof ZtmmError;
}
