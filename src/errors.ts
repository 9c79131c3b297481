// The error catalog. Every error we raise on purpose carries a permanent code and an exit code;
// src/cli/main.ts turns it into one line (and a hint) on stderr.

export const EXIT_OK = 0;
/** An internal error: a bug or an environment failure we did not anticipate. */
export const EXIT_INTERNAL = 1;
/** Bad input: flags, config, seed files, unknown tool names, malformed lines. */
export const EXIT_BAD_INPUT = 2;
/**
 * `scan --fail-on` / `--fail-on-findings`: the scan finished and its report was written, and the server
 * met the threshold. Distinct from 1 and 2 so CI can tell "this server fails our bar" from "the scan
 * could not run".
 */
export const EXIT_SCAN_THRESHOLD = 3;
/** The run finished but was interrupted (Ctrl-C) and can be resumed. */
export const EXIT_INTERRUPTED = 130;

export type ErrorCode =
  | 'BAD_FLAG'
  | 'BAD_CONFIG'
  | 'BAD_SEED_FILE'
  | 'BAD_INPUT_FILE'
  | 'UNKNOWN_TOOL'
  | 'UNKNOWN_SERVER'
  | 'UNKNOWN_RUN'
  | 'DB_UNAVAILABLE'
  | 'SCAN_TARGET_FAILED'
  | 'SCAN_THRESHOLD_MET'
  | 'INTERNAL';

const EXIT_BY_CODE: Record<ErrorCode, number> = {
  BAD_FLAG: EXIT_BAD_INPUT,
  BAD_CONFIG: EXIT_BAD_INPUT,
  BAD_SEED_FILE: EXIT_BAD_INPUT,
  BAD_INPUT_FILE: EXIT_BAD_INPUT,
  UNKNOWN_TOOL: EXIT_BAD_INPUT,
  UNKNOWN_SERVER: EXIT_BAD_INPUT,
  UNKNOWN_RUN: EXIT_BAD_INPUT,
  DB_UNAVAILABLE: EXIT_INTERNAL,
  // The server to scan could not be listed (did not start, crashed, wants credentials, timed out,
  // failed to install): the input to the scan is unusable, as a bad file would be.
  SCAN_TARGET_FAILED: EXIT_BAD_INPUT,
  SCAN_THRESHOLD_MET: EXIT_SCAN_THRESHOLD,
  INTERNAL: EXIT_INTERNAL,
};

export class McpRiskError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  /** What the user can do about it, printed after the message. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'McpRiskError';
    this.code = code;
    this.exitCode = EXIT_BY_CODE[code];
    this.hint = options.hint;
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
