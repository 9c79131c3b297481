// Retries a crawl whose failure looks transient (the network hiccuped during an install, a remote
// server refused or reset a connection, answered 5xx), with exponential backoff. Permanent failures —
// a crash, a timeout, a request for credentials, an unsupported launch — are never retried.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CrawlResult, ServerCandidate } from '../src/types.ts';
import { crawlServer, type CrawlOptions } from './crawl-server.ts';

export interface RetryOptions {
  /** Attempts in all, the first included (default 3). */
  attempts?: number;
  /** Wait before the second attempt; doubled after each (default 1 s). */
  baseDelayMs?: number;
  onRetry?: (attempt: number, result: CrawlResult) => void;
}

const TRANSIENT_INSTALL = /timed out|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ECONNREFUSED|socket hang up|network|fetch failed/i;
const TRANSIENT_REMOTE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|socket hang up|fetch failed|\b(502|503|504)\b/i;

export function isTransient(candidate: ServerCandidate, result: CrawlResult): boolean {
  const error = result.error ?? '';
  if (result.status === 'install_failed') return TRANSIENT_INSTALL.test(error) && !/not on the npm registry|404/.test(error);
  if (candidate.launch.transport === 'stdio') return false;
  return result.status === 'unreachable' || (result.status === 'protocol_error' && TRANSIENT_REMOTE.test(error));
}

export async function crawlWithRetry(candidate: ServerCandidate, options: CrawlOptions, retry: RetryOptions = {}): Promise<CrawlResult> {
  const attempts = Math.max(1, retry.attempts ?? 3);
  let delay = retry.baseDelayMs ?? 1000;
  let result = await crawlServer(candidate, options);
  for (let attempt = 2; attempt <= attempts && isTransient(candidate, result); attempt += 1) {
    if (options.signal?.aborted) break;
    retry.onRetry?.(attempt, result);
    await sleep(delay, undefined, options.signal ? { signal: options.signal } : {}).catch(() => {});
    delay *= 2;
    result = await crawlServer(candidate, options);
    if (result.status !== 'ok' && attempt === attempts) result.error = `${result.error ?? result.status} (after ${attempts} attempts)`;
  }
  return result;
}
