// One polite HTTP GET for every discovery source: a timeout per attempt, retries with exponential
// backoff for transient failures (network errors, timeouts, 5xx), 429 waits as long as Retry-After
// says (capped), and permanent failures (other 4xx) are returned at once, never retried. The body is
// read with a size cap because a catalog server is not trusted to be small.
import { setTimeout as delay } from 'node:timers/promises';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** The first backoff; each retry doubles it (with jitter up to +25 %). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After above this is cut to it, so a hostile server cannot park the crawl for a day. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  maxBodyBytes?: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Told before each wait: why, and for how long. */
  onRetry?: (info: { url: string; attempt: number; waitMs: number; reason: string }) => void;
}

export interface FetchedText {
  status: number;
  url: string;
  text: string;
}

/** A failure after the last attempt, or a permanent one; `status` is absent for network errors. */
export class FetchFailedError extends Error {
  readonly status: number | undefined;
  readonly url: string;
  constructor(url: string, message: string, status?: number) {
    super(message);
    this.name = 'FetchFailedError';
    this.url = url;
    this.status = status;
  }
}

const DEFAULTS = { attempts: 4, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 120_000, timeoutMs: 30_000, maxBodyBytes: 64 * 1024 * 1024 };

/** GET `url`; resolves for 2xx and 404 (a missing package is an answer), throws FetchFailedError otherwise. */
export async function fetchWithRetry(url: string, options: RetryOptions = {}): Promise<FetchedText> {
  const o = { ...DEFAULTS, ...options };
  let lastReason = 'no attempt made';
  for (let attempt = 1; attempt <= o.attempts; attempt += 1) {
    o.signal?.throwIfAborted();
    let waitMs: number;
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json', ...o.headers },
        signal: o.signal ? AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs)]) : AbortSignal.timeout(o.timeoutMs),
        redirect: 'follow',
      });
      if (response.ok || response.status === 404) {
        return { status: response.status, url, text: await readCapped(response, o.maxBodyBytes, url) };
      }
      await response.body?.cancel();
      if (response.status === 429) {
        lastReason = 'HTTP 429 Too Many Requests';
        waitMs = Math.min(parseRetryAfter(response.headers.get('retry-after')) ?? backoff(attempt, o), o.maxRetryAfterMs);
      } else if (response.status >= 500) {
        lastReason = `HTTP ${response.status}`;
        waitMs = backoff(attempt, o);
      } else {
        throw new FetchFailedError(url, `HTTP ${response.status} from ${url}`, response.status);
      }
    } catch (error) {
      if (error instanceof FetchFailedError) throw error;
      if (o.signal?.aborted) throw error;
      lastReason = error instanceof Error ? (error.name === 'TimeoutError' ? `timed out after ${o.timeoutMs} ms` : error.message) : String(error);
      waitMs = backoff(attempt, o);
    }
    if (attempt === o.attempts) break;
    o.onRetry?.({ url, attempt, waitMs, reason: lastReason });
    await delay(waitMs, undefined, o.signal ? { signal: o.signal } : {});
  }
  throw new FetchFailedError(url, `${url}: gave up after ${o.attempts} attempts (${lastReason})`);
}

function backoff(attempt: number, o: { baseDelayMs: number; maxDelayMs: number }): number {
  const base = Math.min(o.baseDelayMs * 2 ** (attempt - 1), o.maxDelayMs);
  return Math.round(base * (1 + Math.random() * 0.25));
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when neither. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new FetchFailedError(url, `${url}: response larger than ${maxBytes} bytes`, response.status);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
