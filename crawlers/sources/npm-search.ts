// The npm registry's search endpoint (GET {base}/-/v1/search?text=…&size=…&from=…), paged by offset.
// Each result is validated on its own; a malformed one is skipped with its reason.
import { z } from 'zod';
import { normalizeNpmName } from './candidate-keys.ts';
import { fetchWithRetry, type RetryOptions } from './fetch-with-retry.ts';

export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org';
export const DEFAULT_SEARCH_KEYWORDS = ['mcp', 'mcp-server', 'modelcontextprotocol'] as const;

/** The registry serves at most 250 results per page. */
const MAX_PAGE = 250;

const searchPageSchema = z.object({
  objects: z.array(z.unknown()),
  total: z.number().int().nonnegative(),
});

const searchObjectSchema = z.object({
  package: z.object({
    name: z.string(),
    version: z.string().optional(),
    description: z.string().optional().catch(undefined),
    keywords: z.array(z.string()).optional().catch(undefined),
    date: z.string().optional(),
    links: z.object({ npm: z.string().optional(), repository: z.string().optional(), homepage: z.string().optional() }).optional().catch(undefined),
  }),
});

export interface SearchHit {
  name: string;
  version?: string;
  description?: string;
  keywords?: string[];
  repository?: string;
  /** The query that found it. */
  query: string;
}

export type SearchEvent = { type: 'hit'; hit: SearchHit } | { type: 'skipped'; ref: string; reason: string };

export interface NpmSearchOptions {
  baseUrl?: string;
  /** Keywords searched as `keywords:<k>`; results of all of them are deduplicated. */
  keywords?: readonly string[];
  pageSize?: number;
  /** Stop after this many distinct names. */
  limit?: number;
  /** The registry refuses offsets past 5,000 or so; a cap keeps us from asking. */
  maxResultsPerQuery?: number;
  retry?: RetryOptions;
}

export async function* npmSearch(options: NpmSearchOptions = {}): AsyncGenerator<SearchEvent> {
  const base = (options.baseUrl ?? 'https://registry.npmjs.org').replace(/\/+$/, '');
  const size = Math.min(MAX_PAGE, Math.max(1, options.pageSize ?? MAX_PAGE));
  const cap = options.maxResultsPerQuery ?? 5000;
  const seen = new Set<string>();
  for (const keyword of options.keywords ?? DEFAULT_SEARCH_KEYWORDS) {
    const text = `keywords:${keyword}`;
    for (let from = 0; from < cap; from += size) {
      const url = `${base}/-/v1/search?${new URLSearchParams({ text, size: String(size), from: String(from) }).toString()}`;
      const response = await fetchWithRetry(url, options.retry);
      if (response.status === 404) {
        yield { type: 'skipped', ref: url, reason: 'HTTP 404: this registry has no search endpoint; use --names FILE instead' };
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(response.text);
      } catch {
        yield { type: 'skipped', ref: url, reason: 'search page is not JSON' };
        break;
      }
      const page = searchPageSchema.safeParse(json);
      if (!page.success) {
        yield { type: 'skipped', ref: url, reason: `not a search result page (${page.error.issues[0]?.message ?? 'invalid'})` };
        break;
      }
      for (const [index, raw] of page.data.objects.entries()) {
        const parsed = searchObjectSchema.safeParse(raw);
        const name = parsed.success ? normalizeNpmName(parsed.data.package.name) : undefined;
        if (!parsed.success || name === undefined) {
          yield { type: 'skipped', ref: `${text} result ${from + index}`, reason: parsed.success ? 'not an npm package name' : (parsed.error.issues[0]?.message ?? 'invalid') };
          continue;
        }
        if (seen.has(name)) continue;
        seen.add(name);
        const p = parsed.data.package;
        const hit: SearchHit = { name, query: text };
        if (p.version !== undefined) hit.version = p.version;
        if (p.description !== undefined) hit.description = p.description;
        if (p.keywords !== undefined) hit.keywords = p.keywords;
        if (p.links?.repository !== undefined) hit.repository = p.links.repository;
        yield { type: 'hit', hit };
        if (options.limit !== undefined && seen.size >= options.limit) return;
      }
      // An empty or short page is the end, whatever `total` claims.
      if (page.data.objects.length < size || from + size >= page.data.total) break;
    }
  }
}

/** A names file: one npm name per line; `#` starts a comment; blank lines ignored; duplicates dropped. */
export function parseNamesList(text: string): { names: string[]; invalid: { line: number; text: string }[] } {
  const names: string[] = [];
  const invalid: { line: number; text: string }[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (line === '') return;
    const name = normalizeNpmName(line);
    if (name === undefined) invalid.push({ line: i + 1, text: line.slice(0, 100) });
    else if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
  });
  return { names, invalid };
}
