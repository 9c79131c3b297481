// How an error becomes an HTTP answer: bad input is 400, an unknown tool or server 404 (with the
// close matches), an unreachable database 503, anything else 500 with no stack or internals.
import { McpRiskError } from '../errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; hint: string | null; suggestions?: string[] };
}

export interface HttpFailure {
  status: number;
  body: ErrorBody;
  /** True when the cause should be logged: the caller did nothing wrong. */
  internal: boolean;
}

export function httpFailure(error: unknown): HttpFailure {
  if (error instanceof McpRiskError) {
    if (error.code === 'UNKNOWN_TOOL' || error.code === 'UNKNOWN_SERVER') {
      return { status: 404, body: errorBody(error.code, error.message, error.hint, suggestionsFromHint(error.hint)), internal: false };
    }
    if (error.code === 'DB_UNAVAILABLE') {
      return { status: 503, body: errorBody('DB_UNAVAILABLE', 'the catalog database is unavailable', 'try again later'), internal: true };
    }
    if (error.exitCode === 2) {
      // The look-up layer speaks in CLI terms (BAD_FLAG); over HTTP the same mistake is a bad query.
      return { status: 400, body: errorBody('BAD_QUERY', error.message, error.hint), internal: false };
    }
  }
  return { status: 500, body: errorBody('INTERNAL', 'internal error', 'the server logged the cause'), internal: true };
}

export function errorBody(code: string, message: string, hint: string | undefined | null, suggestions?: string[]): ErrorBody {
  return { error: { code, message, hint: hint ?? null, ...(suggestions === undefined ? {} : { suggestions }) } };
}

/**
 * lookup-policy.ts and server-detail.ts put close matches in the hint ("did you mean: a, b?"); a
 * client wants them as a list. When the hint has none, the list is empty (no close match).
 */
export function suggestionsFromHint(hint: string | undefined): string[] {
  const found = /^did you mean: (.*)\?$/.exec(hint ?? '');
  return found?.[1] ? found[1].split(', ') : [];
}
